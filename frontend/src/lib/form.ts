import type { $ZodError } from "zod/v4/core";

/** First message per top-level field of a failed zod parse. */
export function zodFieldErrors(error: $ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}
