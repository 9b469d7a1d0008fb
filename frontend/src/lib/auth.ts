import { useQuery } from "@tanstack/react-query";
import { ApiError, authClient, dataOf } from "./api-client";
import { queryKeys } from "./query-keys";
import type { User } from "@/types/api";

/** The signed-in user, or null when nobody is logged in. */
export async function getMe(): Promise<User | null> {
  try {
    return await dataOf(authClient.GET("/api/auth/me"));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useUser() {
  return useQuery({ queryKey: queryKeys.me, queryFn: getMe, staleTime: 5 * 60_000 });
}

/** The signed-in user inside routes that are already guarded. */
export function useCurrentUser(): User {
  const { data } = useUser();
  if (!data) throw new Error("useCurrentUser used outside an authenticated route");
  return data;
}

// Set when the user logs out on purpose, so the guard sends them to a plain
// /login rather than one that would bring them back to the page they left.
let signedOutOnPurpose = false;

export function markSignedOut(): void {
  signedOutOnPurpose = true;
}

export function markSignedIn(): void {
  signedOutOnPurpose = false;
}

/** Whether the session ended because the user asked (logout, account deletion). */
export function wasSignedOutOnPurpose(): boolean {
  return signedOutOnPurpose;
}
