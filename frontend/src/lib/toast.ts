import { createContext, useContext } from "react";

export type ToastKind = "info" | "error" | "success";
export type Toast = { id: number; kind: ToastKind; message: string };
export type ToastApi = { show: (message: string, kind?: ToastKind) => void };

export const ToastContext = createContext<ToastApi>({ show: () => undefined });

export function useToast(): ToastApi {
  return useContext(ToastContext);
}
