// The shapes of /api/tokens, generated from the API document (src/types/openapi.gen.ts).
import type { ApiToken, ApiTokenCreated } from "@/types/api";

export type { ApiToken };
/** A token as created: with the token itself, which the server shows this once. */
export type CreatedApiToken = ApiTokenCreated;
export type TokenScope = ApiToken["scope"];

// Private to this feature: no other feature shows or invalidates tokens.
export const tokensKey = ["api-tokens"] as const;
