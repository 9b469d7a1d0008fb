import { t } from "@lingui/core/macro";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { PushDevice, PushTestResult } from "@/types/api";
import {
  currentSubscription,
  describeUserAgent,
  notificationPermission,
  subscribeThisDevice,
  subscribedWithKey,
  unsubscribeThisDevice,
} from "../push-device";

export function getPushDevices(): Promise<PushDevice[]> {
  return dataOf(client.GET("/api/push/subscriptions"));
}

export function usePushDevices() {
  return useQuery({ queryKey: queryKeys.pushDevices, queryFn: getPushDevices });
}

/** Turns notifications on here: permission, the browser's subscription, then the server's copy. */
export async function turnOnThisDevice(): Promise<{ id: number }> {
  const { public_key } = await dataOf(client.GET("/api/push/key"));
  const { endpoint, expirationTime, keys } = await subscribeThisDevice(public_key);
  // A browser's subscription always has these; the DOM's type just leaves them optional.
  if (!endpoint || !keys?.auth || !keys.p256dh) {
    throw new Error(t`This browser gave an incomplete push subscription; try again.`);
  }
  const label = describeUserAgent(navigator.userAgent);
  return dataOf(
    client.POST("/api/push/subscriptions", {
      body: { endpoint, expirationTime, keys: { auth: keys.auth, p256dh: keys.p256dh }, label },
    }),
  );
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
      await dataOf(
        client.DELETE("/api/push/subscriptions/{subscription_id}", {
          params: { path: { subscription_id: device.id } },
        }),
      );
      // This browser would otherwise keep a subscription nobody sends to.
      if (here) await unsubscribeThisDevice(device.endpoint);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.pushDevices }),
  });
}

export function useSendTestPush() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (): Promise<PushTestResult> => dataOf(client.POST("/api/push/test")),
    // Devices the push service no longer knows were removed by the server.
    onSuccess: (result) => {
      if (result.removed > 0)
        void queryClient.invalidateQueries({ queryKey: queryKeys.pushDevices });
    },
  });
}

/**
 * When the server's VAPID key changed (an operator rotated it), a subscription made with the
 * old key can no longer be sent to: renew it with the new key, without asking anything, on a
 * device where notifications were already on. Returns whether it renewed.
 */
export async function renewSubscriptionIfKeyRotated(): Promise<boolean> {
  if (notificationPermission() !== "granted") return false;
  const existing = await currentSubscription();
  if (!existing) return false;
  const { public_key } = await dataOf(client.GET("/api/push/key"));
  if (subscribedWithKey(existing, public_key)) return false;
  await turnOnThisDevice();
  return true;
}

/** Runs the renewal once per signed-in shell; failures wait for the next visit. */
export function useRenewSubscriptionIfKeyRotated(enabled: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    renewSubscriptionIfKeyRotated()
      .then((renewed) => {
        if (renewed) void queryClient.invalidateQueries({ queryKey: queryKeys.pushDevices });
      })
      .catch(() => undefined);
  }, [enabled, queryClient]);
}
