import type { MessageDescriptor } from "@lingui/core";
import { msg } from "@lingui/core/macro";
import { useLingui } from "@lingui/react/macro";
import { useTheme, type ThemePreference } from "@/lib/theme";

const OPTIONS: { value: ThemePreference; label: MessageDescriptor }[] = [
  { value: "system", label: msg`System theme` },
  { value: "light", label: msg`Light theme` },
  { value: "dark", label: msg`Dark theme` },
];

export function ThemeToggle() {
  const { preference, setPreference } = useTheme();
  const { t, i18n } = useLingui();
  return (
    <label className="theme-toggle">
      <span className="visually-hidden">{t`Colour theme`}</span>
      <select
        value={preference}
        onChange={(event) => setPreference(event.target.value as ThemePreference)}
      >
        {OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {i18n._(o.label)}
          </option>
        ))}
      </select>
    </label>
  );
}
