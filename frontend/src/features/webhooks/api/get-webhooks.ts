import { useQuery } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { webhooksKey, type Webhook } from "./types";

export function getWebhooks(): Promise<Webhook[]> {
  return dataOf(client.GET("/api/webhooks"));
}

export function useWebhooks() {
  return useQuery({ queryKey: webhooksKey, queryFn: getWebhooks });
}
