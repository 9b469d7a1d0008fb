// The shapes of /api/tokens (backend/integrations/schemas_tokens.py).

export type TokenScope = "read" | "write";

export type ApiToken = {
  id: number;
  name: string;
  scope: TokenScope;
  /** The token's first characters, to tell tokens apart; not usable on its own. */
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
};

export type CreatedApiToken = ApiToken & {
  /** The token itself: the server shows it this once and never again. */
  token: string;
};

// Private to this feature: no other feature shows or invalidates tokens.
export const tokensKey = ["api-tokens"] as const;
