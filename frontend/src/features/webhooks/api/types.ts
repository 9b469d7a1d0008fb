// The shapes of /api/webhooks: short names for the generated schemas of the OpenAPI document
// (backend/integrations/schemas_webhooks.py -> npm run gen:api -> src/types/openapi.gen.ts).
import type { components } from "@/types/openapi.gen";

type Schemas = components["schemas"];

export type Webhook = Schemas["WebhookOut"];
/** With the signing secret, which the server shows this once and never again. */
export type CreatedWebhook = Schemas["WebhookCreatedOut"];
export type Delivery = Schemas["DeliveryOut"];
export type EventType = Webhook["events"][number];

export const EVENT_TYPES = [
  "entry.updated",
  "entry.deleted",
  "habit.created",
  "habit.updated",
  "habit.deleted",
] as const satisfies readonly EventType[];

// Private to this feature: no other feature shows or invalidates webhooks.
export const webhooksKey = ["webhooks"] as const;
export const deliveriesKey = (id: number) => ["webhooks", id, "deliveries"] as const;
