import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-client";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Offline, the service worker answers API reads from its last copy, so queries run
        // rather than pause; a write without a connection fails at once and says why.
        networkMode: "always",
        refetchOnWindowFocus: true,
        // Client errors will not fix themselves: only retry network/server trouble.
        retry: (failureCount, error) =>
          failureCount < 2 &&
          !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false, networkMode: "always" },
    },
  });
}
