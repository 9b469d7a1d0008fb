import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { webhooksKey, type Webhook } from "./types";

export function getWebhooks(): Promise<Webhook[]> {
  return api.get<Webhook[]>("/api/webhooks");
}

export function useWebhooks() {
  return useQuery({ queryKey: webhooksKey, queryFn: getWebhooks });
}
