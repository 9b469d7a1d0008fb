import { useLingui } from "@lingui/react/macro";
import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { ToastContext, type Toast, type ToastAction, type ToastKind } from "@/lib/toast";

const TIMEOUT_MS = 6000;
// A toast that offers Undo stays longer: the person has to notice it and reach it.
const ACTION_TIMEOUT_MS = 10_000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const { t } = useLingui();
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((t) => t.id !== id));
  }, []);

  const show = useCallback(
    (message: string, kind: ToastKind = "info", options: { action?: ToastAction } = {}) => {
      const id = nextId.current++;
      const toast: Toast = options.action
        ? { id, kind, message, action: options.action }
        : { id, kind, message };
      setToasts((current) => [...current.slice(-3), toast]);
      window.setTimeout(() => dismiss(id), options.action ? ACTION_TIMEOUT_MS : TIMEOUT_MS);
    },
    [dismiss],
  );

  const value = useMemo(() => ({ show }), [show]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.kind}`}>
            <span>{toast.message}</span>
            <span className="toast-buttons">
              {toast.action ? (
                <button
                  type="button"
                  className="btn btn-small toast-action"
                  onClick={() => {
                    dismiss(toast.id);
                    toast.action?.onAction();
                  }}
                >
                  {toast.action.label}
                </button>
              ) : null}
              <button
                type="button"
                className="btn-icon"
                aria-label={t`Dismiss message`}
                onClick={() => dismiss(toast.id)}
              >
                ×
              </button>
            </span>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
