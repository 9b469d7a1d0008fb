import { useLingui } from "@lingui/react/macro";

export function Skeleton({ lines = 3, label }: { lines?: number; label?: string }) {
  const { t } = useLingui();
  return (
    <div className="skeleton" role="status" aria-label={label ?? t`Loading`} aria-busy="true">
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-line" />
      ))}
    </div>
  );
}
