// The shapes of /api/webhooks (backend/integrations/schemas_webhooks.py).

export const EVENT_TYPES = [
  "entry.updated",
  "entry.deleted",
  "habit.created",
  "habit.updated",
  "habit.deleted",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export type Webhook = {
  id: number;
  url: string;
  events: EventType[];
  enabled: boolean;
  disabled_at: string | null;
  /** Why it was disabled (a day of failed deliveries, or by hand); empty when enabled. */
  disabled_reason: string;
  failing_since: string | null;
  created_at: string;
};

export type CreatedWebhook = Webhook & {
  /** The signing secret: the server shows it this once and never again. */
  secret: string;
};

export type Delivery = {
  id: number;
  event_id: string;
  event_type: EventType;
  habit_id: number | null;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  response_code: number | null;
  duration_ms: number | null;
  error: string;
  created_at: string;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
  delivered_at: string | null;
};

// Private to this feature: no other feature shows or invalidates webhooks.
export const webhooksKey = ["webhooks"] as const;
export const deliveriesKey = (id: number) => ["webhooks", id, "deliveries"] as const;
