import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { PushDevice, PushTestResult } from "@/types/api";
import { describeUserAgent, subscribeThisDevice, unsubscribeThisDevice } from "../push-device";

export function getPushDevices(): Promise<PushDevice[]> {
  return api.get<PushDevice[]>("/api/push/subscriptions");
}

export function usePushDevices() {
  return useQuery({ queryKey: queryKeys.pushDevices, queryFn: getPushDevices });
}

/** Turns notifications on here: permission, the browser's subscription, then the server's copy. */
export async function turnOnThisDevice(): Promise<{ id: number }> {
  const { public_key } = await api.get<{ public_key: string }>("/api/push/key");
  const subscription = await subscribeThisDevice(public_key);
  return api.post<{ id: number }>("/api/push/subscriptions", {
    ...subscription,
    label: describeUserAgent(navigator.userAgent),
  });
}

export function useTurnOnThisDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: turnOnThisDevice,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.pushDevices }),
  });
}

export function useRemovePushDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ device, here }: { device: PushDevice; here: boolean }) => {
      await api.delete(`/api/push/subscriptions/${device.id}`);
      // This browser would otherwise keep a subscription nobody sends to.
      if (here) await unsubscribeThisDevice(device.endpoint);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.pushDevices }),
  });
}

export function useSendTestPush() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<PushTestResult>("/api/push/test"),
    // Devices the push service no longer knows were removed by the server.
    onSuccess: (result) => {
      if (result.removed > 0)
        void queryClient.invalidateQueries({ queryKey: queryKeys.pushDevices });
    },
  });
}
