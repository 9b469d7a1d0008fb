import { useQuery } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { deliveriesKey, type Delivery } from "./types";

export function getDeliveries(id: number): Promise<Delivery[]> {
  return dataOf(
    client.GET("/api/webhooks/{webhook_id}/deliveries", { params: { path: { webhook_id: id } } }),
  );
}

/** The endpoint's last 50 deliveries, newest first; fetched only while they are shown. */
export function useDeliveries(id: number, enabled: boolean) {
  return useQuery({ queryKey: deliveriesKey(id), queryFn: () => getDeliveries(id), enabled });
}
