import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { tokensKey, type ApiToken } from "./types";

export function getTokens(): Promise<ApiToken[]> {
  return api.get<ApiToken[]>("/api/tokens");
}

export function useTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: getTokens });
}
