//! The webhook events' models: the JSON bodies Pancake POSTs to a page's registered URL
//! (`webhook.yaml`), one envelope per kind, typed and lossless like the API models (every field a
//! [`Maybe`], unknown fields in `extra`, serialising gives back what was received). Reading a body
//! into them is the `webhook` module's job.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::models::common::{Extra, FlexBool, FlexId, FlexNum, Maybe};
use crate::models::conversation::{ReadWatermark, TagRef};
use crate::models::message::Attachment;
use crate::models::post::PostAuthor;
use crate::normalize::{extract_phones, parse_timestamp, Timestamp};

/// The `event_type` of a messaging event.
pub const MESSAGING: &str = "messaging";
/// The `event_type` of a conversation event.
pub const CONVERSATION: &str = "conversation";
/// The `event_type` of a subscription event.
pub const SUBSCRIPTION: &str = "subscription";
/// The `event_type` of a post event.
pub const POST: &str = "post";
/// The `event_type` of a page connection status event.
pub const CONNECT_STATUS: &str = "connect_status";
/// The kind reported for events whose `event_type` this SDK does not know.
pub const OTHER: &str = "other";

/// Every kind [`WebhookEvent::kind`] can return, [`OTHER`] last.
pub const KINDS: &[&str] = &[
    MESSAGING,
    CONVERSATION,
    SUBSCRIPTION,
    POST,
    CONNECT_STATUS,
    OTHER,
];

fn ts(value: &Maybe<Value>) -> Option<Timestamp> {
    value.get().and_then(|v| parse_timestamp(v).ok())
}

/// The outer object every webhook body shares; `D` is the kind's `data`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "{D}Envelope"))]
#[non_exhaustive]
pub struct Envelope<D> {
    /// The kind of event (`messaging`, `conversation`, ...).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub event_type: Maybe<String>,
    /// The Pancake page that triggered the event (absent on subscription events).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_id: Maybe<FlexId>,
    /// The unique id of this delivery (conversation and connect_status events document it):
    /// a redelivered event keeps it.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub request_id: Maybe<String>,
    /// When the event was sent, in unix seconds.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub timestamp: Maybe<Value>,
    /// The event's details.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub data: Maybe<D>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl<D> Envelope<D> {
    /// `timestamp` (unix seconds) as a UTC instant.
    pub fn timestamp_utc(&self) -> Option<Timestamp> {
        ts(&self.timestamp)
    }
}

/// A `messaging` event: a message was received or updated, in the inbox or in comments.
pub type MessagingEvent = Envelope<MessagingData>;
/// A `conversation` event: assignment, tags, read/seen status or snippet changed.
pub type ConversationEvent = Envelope<ConversationData>;
/// A `subscription` event: a Pancake subscription the app follows changed.
pub type SubscriptionEvent = Envelope<SubscriptionData>;
/// A `post` event: a post was created or one of its fields changed.
pub type PostEvent = Envelope<PostData>;
/// A `connect_status` event: the page's connection to its platform changed.
pub type ConnectStatusEvent = Envelope<ConnectStatusData>;

/// The `data` of a `messaging` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct MessagingData {
    /// The conversation the message belongs to.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub conversation: Maybe<WebhookConversation>,
    /// The message.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub message: Maybe<WebhookMessage>,
    /// The post commented on (`COMMENT` messages; `null` for `INBOX`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub post: Maybe<WebhookPost>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The `data` of a `conversation` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ConversationData {
    /// The conversation as it is after the change.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub conversation: Maybe<WebhookConversation>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The `data` of a `subscription` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct SubscriptionData {
    /// The subscription.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub subscription: Maybe<Subscription>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The `data` of a `post` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PostData {
    /// The post, in full.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub post: Maybe<WebhookPost>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The `data` of a `connect_status` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ConnectStatusData {
    /// `connected` or `disconnected`.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub connect_status: Maybe<String>,
    /// The page whose connection changed.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_id: Maybe<FlexId>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl ConnectStatusData {
    /// `true` for `connected`, `false` for `disconnected`, `None` for anything else.
    pub fn is_connected(&self) -> Option<bool> {
        match self.connect_status.get().map(String::as_str) {
            Some("connected") => Some(true),
            Some("disconnected") => Some(false),
            _ => None,
        }
    }
}

/// A sender: a conversation's `from`, a message's `from`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct WebhookSender {
    /// Platform id of the sender (PSID, or the page id for page-side messages).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<FlexId>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    /// Email address, if known.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub email: Maybe<String>,
    /// The page customer id (what `GET /pages/{page_id}/page_customers` returns as `id`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_customer_id: Maybe<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A conversation's `read_watermarks`: a list of markers in conversation events, an object
/// (or `null`) in messaging events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
#[non_exhaustive]
pub enum ReadWatermarks {
    /// One marker per participant.
    List(Vec<ReadWatermark>),
    /// Any other shape, kept as sent.
    Raw(Value),
}

impl ReadWatermarks {
    /// The markers, when they came as a list.
    pub fn markers(&self) -> &[ReadWatermark] {
        match self {
            ReadWatermarks::List(v) => v,
            ReadWatermarks::Raw(_) => &[],
        }
    }
}

/// The conversation inside a `messaging` or `conversation` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct WebhookConversation {
    /// The conversation id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// Assigned staff UUIDs.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub assignee_ids: Maybe<Vec<String>>,
    /// The customer's id (conversation events).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub customer_id: Maybe<String>,
    /// The customer who started the conversation.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub from: Maybe<WebhookSender>,
    /// Whether the conversation involves several customers.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_combined: Maybe<FlexBool>,
    /// Whether the conversation was deleted.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_removed: Maybe<FlexBool>,
    /// Whether the conversation was replied to.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_replied: Maybe<FlexBool>,
    /// Read markers.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub read_watermarks: Maybe<ReadWatermarks>,
    /// Whether a staff member has seen it.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub seen: Maybe<FlexBool>,
    /// Preview of the latest message.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub snippet: Maybe<String>,
    /// Tag ids (or tag objects; `null` entries for removed tags).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub tags: Maybe<Vec<Option<TagRef>>>,
    /// `INBOX` or `COMMENT`.
    #[serde(rename = "type", default, skip_serializing_if = "Maybe::is_absent")]
    pub conversation_type: Maybe<String>,
    /// Increases with every change: apply an update only if it is newer than the last one seen.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub version: Maybe<FlexNum>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl WebhookConversation {
    /// The tag ids, whichever form each entry has (removed tags skipped).
    pub fn tag_ids(&self) -> Vec<&FlexId> {
        self.tags
            .get()
            .map(|tags| tags.iter().flatten().filter_map(TagRef::id).collect())
            .unwrap_or_default()
    }

    /// `version` as an integer.
    pub fn version_number(&self) -> Option<i64> {
        self.version.get().and_then(FlexNum::as_i64)
    }
}

/// The message inside a `messaging` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct WebhookMessage {
    /// The message id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// The conversation.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub conversation_id: Maybe<String>,
    /// The page.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_id: Maybe<FlexId>,
    /// The text.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub message: Maybe<String>,
    /// The text before any edit.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub original_message: Maybe<String>,
    /// Formatted content, if any.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub rich_message: Maybe<Value>,
    /// `INBOX` or `COMMENT`.
    #[serde(rename = "type", default, skip_serializing_if = "Maybe::is_absent")]
    pub message_type: Maybe<String>,
    /// Creation time (ISO text as sent, UTC).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inserted_at: Maybe<Value>,
    /// The sender.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub from: Maybe<WebhookSender>,
    /// Media.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub attachments: Maybe<Vec<Attachment>>,
    /// Whether the text contains a phone number.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub has_phone: Maybe<FlexBool>,
    /// The phone numbers Pancake detected.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub phone_info: Maybe<Vec<Value>>,
    /// Hidden (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_hidden: Maybe<FlexBool>,
    /// Root of a comment thread.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_parent: Maybe<FlexBool>,
    /// Parent comment hidden.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_parent_hidden: Maybe<FlexBool>,
    /// Deleted.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_removed: Maybe<FlexBool>,
    /// Likes (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub like_count: Maybe<FlexNum>,
    /// Whether the page liked it (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub user_likes: Maybe<FlexBool>,
    /// Edit history, if any (kept as sent).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub edit_history: Maybe<Value>,
    /// The parent comment of a reply.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub parent_id: Maybe<String>,
    /// The inbox conversation a private reply opened.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub private_reply_conversation: Maybe<Value>,
    /// Who deleted it.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub removed_by: Maybe<Value>,
    /// Whether sender information is shown.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub show_info: Maybe<FlexBool>,
    /// Whether it can be replied to (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub can_comment: Maybe<FlexBool>,
    /// Whether it can be hidden (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub can_hide: Maybe<FlexBool>,
    /// Whether it can be liked (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub can_like: Maybe<FlexBool>,
    /// Whether it can be deleted (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub can_remove: Maybe<FlexBool>,
    /// Whether a private reply is possible (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub can_reply_privately: Maybe<FlexBool>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl WebhookMessage {
    /// `inserted_at` as a UTC instant (naive text is read as UTC).
    pub fn inserted_at_timestamp(&self) -> Option<Timestamp> {
        ts(&self.inserted_at)
    }

    /// The phone numbers in the text, normalised to E.164 like the API models'
    /// (`default_region` for numbers without a country code, e.g. `VN`).
    pub fn phones(&self, default_region: &str) -> Vec<String> {
        self.message
            .get()
            .map(|text| extract_phones(text, default_region))
            .unwrap_or_default()
    }
}

/// Image dimensions of a post attachment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct MediaImage {
    /// Height in pixels.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub height: Maybe<FlexNum>,
    /// Width in pixels.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub width: Maybe<FlexNum>,
    /// Fields this SDK does not know yet (`src`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The media of a post attachment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Media {
    /// The image dimensions.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub image: Maybe<MediaImage>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Where a post attachment lives.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AttachmentTarget {
    /// The attachment id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<FlexId>,
    /// Its URL.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub url: Maybe<String>,
    /// A thumbnail URL.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub thumbnail: Maybe<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One attachment of a post.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PostAttachment {
    /// `video`, `photo`, ...
    #[serde(rename = "type", default, skip_serializing_if = "Maybe::is_absent")]
    pub attachment_type: Maybe<String>,
    /// Title.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub title: Maybe<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub description: Maybe<String>,
    /// Dimensions.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub media: Maybe<Media>,
    /// Where it lives.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub target: Maybe<AttachmentTarget>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A post's `attachments`: ids and details, and (in post events) the first attachment's
/// `type`, `title` and `target` repeated at the top.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PostAttachments {
    /// Attachment ids.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub ids: Maybe<Vec<FlexId>>,
    /// Each attachment.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub data: Maybe<Vec<PostAttachment>>,
    /// The main attachment's location.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub target: Maybe<AttachmentTarget>,
    /// The main attachment's title.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub title: Maybe<String>,
    /// The main attachment's type.
    #[serde(rename = "type", default, skip_serializing_if = "Maybe::is_absent")]
    pub attachment_type: Maybe<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The post inside a `post` event, or the post commented on in a `messaging` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct WebhookPost {
    /// The post id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// The page.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_id: Maybe<FlexId>,
    /// The text.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub message: Maybe<String>,
    /// The post type (`livestream`, `COMMENT`, `photo`, ...).
    #[serde(rename = "type", default, skip_serializing_if = "Maybe::is_absent")]
    pub post_type: Maybe<String>,
    /// Creation time, as sent.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inserted_at: Maybe<Value>,
    /// Story details, if the post is a story.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub story: Maybe<Value>,
    /// The admin who created it.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub admin_creator: Maybe<Value>,
    /// The page that published it.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub from: Maybe<PostAuthor>,
    /// The attachments.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub attachments: Maybe<PostAttachments>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl WebhookPost {
    /// `inserted_at` as a UTC instant.
    pub fn inserted_at_timestamp(&self) -> Option<Timestamp> {
        ts(&self.inserted_at)
    }
}

/// A Pancake subscription (`subscription` events).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Subscription {
    /// The subscription id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<FlexId>,
    /// Estimated amount of the package.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub accumulated_amount: Maybe<FlexNum>,
    /// Amount actually paid.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub payment_amount: Maybe<FlexNum>,
    /// Currency (`VND`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub currency: Maybe<String>,
    /// Activation time (UTC).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub activated_at: Maybe<Value>,
    /// Expiry time (UTC).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub expired_at: Maybe<Value>,
    /// Creation time (UTC).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inserted_at: Maybe<Value>,
    /// Whether the package configures itself.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub auto_config: Maybe<FlexBool>,
    /// Duration in months.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub duration: Maybe<FlexNum>,
    /// Whether it is active.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_activated: Maybe<FlexBool>,
    /// Whether it is paid.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_paid: Maybe<FlexBool>,
    /// The owner's user id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub owner_id: Maybe<String>,
    /// Number of pages in the package.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_count: Maybe<FlexNum>,
    /// The pages.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_ids: Maybe<Vec<FlexId>>,
    /// Number of users in the package.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub user_count: Maybe<FlexNum>,
    /// The users.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub user_ids: Maybe<Vec<String>>,
    /// Users who may manage the package.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub shared_accounts: Maybe<Vec<String>>,
    /// Package type (`pancake`).
    #[serde(rename = "type", default, skip_serializing_if = "Maybe::is_absent")]
    pub subscription_type: Maybe<String>,
    /// The package this one upgraded.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub upgrade_from: Maybe<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Subscription {
    /// `activated_at` as a UTC instant.
    pub fn activated_at_timestamp(&self) -> Option<Timestamp> {
        ts(&self.activated_at)
    }

    /// `expired_at` as a UTC instant.
    pub fn expired_at_timestamp(&self) -> Option<Timestamp> {
        ts(&self.expired_at)
    }

    /// `inserted_at` as a UTC instant.
    pub fn inserted_at_timestamp(&self) -> Option<Timestamp> {
        ts(&self.inserted_at)
    }
}

/// One webhook body, by kind. Serialising it gives back the JSON received.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum WebhookEvent {
    /// `event_type: messaging`.
    Messaging(Box<MessagingEvent>),
    /// `event_type: conversation`.
    Conversation(Box<ConversationEvent>),
    /// `event_type: subscription`.
    Subscription(Box<SubscriptionEvent>),
    /// `event_type: post`.
    Post(Box<PostEvent>),
    /// `event_type: connect_status`.
    ConnectStatus(Box<ConnectStatusEvent>),
    /// Any other `event_type` (or none): the body as received.
    Other(Value),
}

macro_rules! each_envelope {
    ($self:expr, $e:ident => $body:expr, $other:ident => $fallback:expr) => {
        match $self {
            WebhookEvent::Messaging($e) => $body,
            WebhookEvent::Conversation($e) => $body,
            WebhookEvent::Subscription($e) => $body,
            WebhookEvent::Post($e) => $body,
            WebhookEvent::ConnectStatus($e) => $body,
            WebhookEvent::Other($other) => $fallback,
        }
    };
}

impl WebhookEvent {
    /// The kind: one of [`KINDS`] (`other` for an `event_type` this SDK does not know).
    pub fn kind(&self) -> &'static str {
        match self {
            WebhookEvent::Messaging(_) => MESSAGING,
            WebhookEvent::Conversation(_) => CONVERSATION,
            WebhookEvent::Subscription(_) => SUBSCRIPTION,
            WebhookEvent::Post(_) => POST,
            WebhookEvent::ConnectStatus(_) => CONNECT_STATUS,
            WebhookEvent::Other(_) => OTHER,
        }
    }

    /// The `event_type` as sent, when it is a string.
    pub fn event_type(&self) -> Option<&str> {
        each_envelope!(self, e => e.event_type.get().map(String::as_str),
                       v => v.get("event_type").and_then(Value::as_str))
    }

    /// The `request_id` (the delivery's id, kept across redeliveries), when sent.
    pub fn request_id(&self) -> Option<&str> {
        each_envelope!(self, e => e.request_id.get().map(String::as_str),
                       v => v.get("request_id").and_then(Value::as_str))
    }

    /// The page that triggered the event, as text.
    pub fn page_id(&self) -> Option<String> {
        each_envelope!(self, e => e.page_id.get().map(ToString::to_string),
        v => match v.get("page_id") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        })
    }

    /// The envelope's `timestamp` (when the event was sent) as a UTC instant.
    pub fn timestamp_utc(&self) -> Option<Timestamp> {
        each_envelope!(self, e => e.timestamp_utc(),
                       v => v.get("timestamp").and_then(|t| parse_timestamp(t).ok()))
    }

    /// A key for deduplicating redelivered events: the `request_id` when there is one, else
    /// the kind and a 64-bit FNV-1a hash of the event's JSON with its keys sorted (a
    /// redelivery repeats the body, so it gets the same key; two different events practically
    /// never share one).
    pub fn dedup_key(&self) -> String {
        match self.request_id() {
            Some(id) => id.to_owned(),
            None => hashed_key(self.kind(), &self.to_value()),
        }
    }

    /// The event as a JSON value, exactly as received.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// The kind and a 64-bit hash of the event's JSON. Objects hash their entries in any order
/// (a sum of per-entry hashes), so the key does not depend on the order a reader keeps keys
/// in; everything else is FNV-1a over the JSON text.
pub(crate) fn hashed_key(kind: &str, event: &Value) -> String {
    format!("{kind}:{:016x}", hash_json(event))
}

fn hash_json(value: &Value) -> u64 {
    fn fnv(seed: u64, bytes: &[u8]) -> u64 {
        bytes.iter().fold(seed, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    }
    /// splitmix64's finaliser: spreads an entry's hash before it is summed.
    fn mix(mut z: u64) -> u64 {
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    const BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    match value {
        Value::Object(map) => map.iter().fold(fnv(BASIS, b"{"), |sum, (k, v)| {
            sum.wrapping_add(mix(fnv(hash_json(v), k.as_bytes())))
        }),
        Value::Array(items) => items
            .iter()
            .fold(fnv(BASIS, b"["), |h, v| fnv(h, &hash_json(v).to_le_bytes())),
        scalar => fnv(BASIS, scalar.to_string().as_bytes()),
    }
}
