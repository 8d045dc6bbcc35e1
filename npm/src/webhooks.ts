// Webhook events pushed by Pancake (webhook.yaml), parsed by the same Rust core as the Python
// package: typed, lossless (`toJSON()` gives back the event as received), timestamps as `Date`s.
import { call } from "./errors.js";
import {
  wrap,
  type ConnectStatusDataEnvelope,
  type ConversationDataEnvelope,
  type JsonObject,
  type MessagingDataEnvelope,
  type Model,
  type PostDataEnvelope,
  type SubscriptionDataEnvelope,
} from "./models.js";
import { native } from "./native.js";

/** The event kinds Pancake pushes; `other` is any `event_type` this SDK does not know yet. */
export type WebhookKind = "messaging" | "conversation" | "subscription" | "post" | "connect_status";

interface EventBase<K extends string, D extends Model = Model> {
  /** Which event this is: narrow on it (`switch (event.kind)`). */
  readonly kind: K;
  /** A stable key for deduplicating redeliveries (the `request_id`, or a hash of the body). */
  readonly dedupKey: string;
  /** The event as received, with attribute access and `Date` timestamps (its type is
   * generated from core's Rust model of this event). */
  readonly data: D;
  /** The event exactly as received. */
  toJSON(): JsonObject;
}

/** A new message in a conversation (`event_type: messaging`). */
export type MessagingEvent = EventBase<"messaging", MessagingDataEnvelope>;
/** A conversation changed: tags, assignees, read state (`event_type: conversation`). */
export type ConversationEvent = EventBase<"conversation", ConversationDataEnvelope>;
/** A page's subscription changed (`event_type: subscription`). */
export type SubscriptionEvent = EventBase<"subscription", SubscriptionDataEnvelope>;
/** A post was created or changed (`event_type: post`). */
export type PostEvent = EventBase<"post", PostDataEnvelope>;
/** A page's connection status changed (`event_type: connect_status`). */
export type ConnectStatusEvent = EventBase<"connect_status", ConnectStatusDataEnvelope>;
/** An event kind this SDK does not know yet, kept whole. */
export type OtherEvent = EventBase<"other">;

/** Every webhook event, as a discriminated union on `kind`. */
export type WebhookEvent =
  | MessagingEvent
  | ConversationEvent
  | SubscriptionEvent
  | PostEvent
  | ConnectStatusEvent
  | OtherEvent;

/** Parses a webhook request body (text or bytes). Throws `DecodeError` when it is not a JSON
 * object or a known event has a field of the wrong type; an unknown `event_type` is not an
 * error but an event of kind `other`. */
export function parseWebhook(body: string | Uint8Array): WebhookEvent {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const parsed = JSON.parse(call(() => native().parseWebhook(bytes))) as {
    kind: WebhookEvent["kind"];
    dedup_key: string;
    event: JsonObject;
  };
  const raw = parsed.event;
  return Object.freeze({
    kind: parsed.kind,
    dedupKey: parsed.dedup_key,
    data: wrap(raw),
    toJSON: (): JsonObject => JSON.parse(JSON.stringify(raw)) as JsonObject,
  }) as WebhookEvent;
}
