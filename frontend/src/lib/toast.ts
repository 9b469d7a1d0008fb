import { createContext, useContext } from "react";

export type ToastKind = "info" | "error" | "success";
/** A button in the toast, such as Undo; pressing it also dismisses the toast. */
export type ToastAction = { label: string; onAction: () => void };
export type Toast = { id: number; kind: ToastKind; message: string; action?: ToastAction };
export type ToastApi = {
  show: (message: string, kind?: ToastKind, options?: { action?: ToastAction }) => void;
};

export const ToastContext = createContext<ToastApi>({ show: () => undefined });

export function useToast(): ToastApi {
  return useContext(ToastContext);
}
