import { useQuery } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { tokensKey, type ApiToken } from "./types";

export function getTokens(): Promise<ApiToken[]> {
  return dataOf(client.GET("/api/tokens"));
}

export function useTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: getTokens });
}
