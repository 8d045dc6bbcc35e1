//! Messages of a conversation (`GET .../conversations/{id}/messages`) and the answer to sending.

use serde::{Deserialize, Serialize};

use super::common::{Extra, FlexBool, FlexId, FlexNum, Maybe};
use super::conversation::{CapturedPhone, CustomerRef, Participant, PhoneEntry, ReadWatermark};
use super::customer::{Birthday, Note};
use crate::normalize::{parse_timestamp, Timestamp};

/// A media attachment of a message.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Attachment {
    /// `photo`, `video`, `sticker`, `template`, ...
    #[serde(rename = "type", default, skip_serializing_if = "Maybe::is_absent")]
    pub attachment_type: Maybe<String>,
    /// The media URL.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub url: Maybe<String>,
    /// The attachment id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<FlexId>,
    /// Title.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub title: Maybe<String>,
    /// Text.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub message: Maybe<String>,
    /// Link.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub link: Maybe<String>,
    /// MIME type.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub mime_type: Maybe<String>,
    /// Video details (`url`, `width`, `height`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub video_data: Maybe<serde_json::Value>,
    /// Template payload (`template_type`, `buttons`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub payload: Maybe<serde_json::Value>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One message (inbox message or comment).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Message {
    /// The message id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// The conversation.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub conversation_id: Maybe<String>,
    /// The page.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_id: Maybe<FlexId>,
    /// `INBOX`, `COMMENT`, `RATING`, ...
    #[serde(rename = "type", default, skip_serializing_if = "Maybe::is_absent")]
    pub message_type: Maybe<String>,
    /// The text (may hold HTML).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub message: Maybe<String>,
    /// The text as sent.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub original_message: Maybe<String>,
    /// The sender.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub from: Maybe<Participant>,
    /// Creation time (ISO text as sent).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inserted_at: Maybe<String>,
    /// Whether it was read.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub seen: Maybe<FlexBool>,
    /// Whether it contains a phone number.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub has_phone: Maybe<FlexBool>,
    /// Hidden (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_hidden: Maybe<FlexBool>,
    /// Parent comment hidden (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_parent_hidden: Maybe<FlexBool>,
    /// Deleted.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_removed: Maybe<FlexBool>,
    /// Is a parent comment.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_parent: Maybe<FlexBool>,
    /// The parent comment.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub parent_id: Maybe<String>,
    /// Replies (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub comment_count: Maybe<FlexNum>,
    /// Likes (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub like_count: Maybe<FlexNum>,
    /// Livestream order flag.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_livestream_order: Maybe<FlexBool>,
    /// Whether a private reply is still possible.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub can_reply_privately: Maybe<FlexBool>,
    /// Media.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub attachments: Maybe<Vec<Attachment>>,
    /// Phone numbers found in the message.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub phone_info: Maybe<Vec<serde_json::Value>>,
    /// Mentions and links in the text.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub message_tags: Maybe<Vec<serde_json::Value>>,
    /// Who removed it.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub removed_by: Maybe<serde_json::Value>,
    /// Whether the page liked it (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub user_likes: Maybe<FlexBool>,
    /// Whether to show customer info.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub show_info: Maybe<FlexBool>,
    /// Whether it can be replied to (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub can_comment: Maybe<FlexBool>,
    /// Whether it can be liked (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub can_like: Maybe<FlexBool>,
    /// Whether it can be hidden (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub can_hide: Maybe<FlexBool>,
    /// Whether it can be removed (comments).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub can_remove: Maybe<FlexBool>,
    /// The inbox thread a private reply opened.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub private_reply_conversation: Maybe<serde_json::Value>,
    /// Rich content (`is_printed`, ...).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub rich_message: Maybe<serde_json::Value>,
    /// Earlier versions of the text.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub edit_history: Maybe<Vec<serde_json::Value>>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Message {
    /// `inserted_at` as a UTC instant (naive text is read as UTC).
    pub fn inserted_at_timestamp(&self) -> Option<Timestamp> {
        self.inserted_at
            .get()
            .and_then(|s| parse_timestamp(&serde_json::Value::String(s.clone())).ok())
    }
}

/// The response of `GET .../messages`: the messages plus a snapshot of the customer and
/// conversation (profile, notes, phones, orders, ...).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct MessageList {
    /// The conversation.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub conversation_id: Maybe<String>,
    /// The messages.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub messages: Maybe<Vec<Message>>,
    /// The customer who owns the conversation.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub conv_from: Maybe<Participant>,
    /// Detailed customer profiles (orders, addresses, ...).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub customers: Maybe<Vec<MessageCustomer>>,
    /// Light customer references.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub conv_customers: Maybe<Vec<CustomerRef>>,
    /// Gender.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub gender: Maybe<String>,
    /// Birthday.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub birthday: Maybe<Birthday>,
    /// Where the customer lives.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub lives_in: Maybe<String>,
    /// Whether the page can message the customer now.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub can_inbox: Maybe<FlexBool>,
    /// Notes about the customer (times in milliseconds).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub notes: Maybe<Vec<Note>>,
    /// Phone numbers recently collected.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub recent_phone_numbers: Maybe<Vec<PhoneEntry>>,
    /// Read markers.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub read_watermarks: Maybe<Vec<ReadWatermark>>,
    /// The post of a comment thread (`null` for inbox).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub post: Maybe<serde_json::Value>,
    /// When the profile was last updated (ISO text as sent).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub profile_updated_at: Maybe<String>,
    /// Whether the customer is banned.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_banned: Maybe<FlexBool>,
    /// Who banned the customer.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub banned_by: Maybe<serde_json::Value>,
    /// How many times the customer was banned.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub banned_count: Maybe<FlexNum>,
    /// How many times the customer was reported.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub reported_count: Maybe<FlexNum>,
    /// Whether the data may train AI.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub allow_use_data_for_training_ai: Maybe<FlexBool>,
    /// The app/platform of the conversation.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub app: Maybe<String>,
    /// The customer's comments on the page.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub comment_count: Maybe<FlexNum>,
    /// The last comment (ISO text as sent).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub last_commented_at: Maybe<String>,
    /// Emails recently collected.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub recent_emails: Maybe<Vec<String>>,
    /// Phone numbers found in this conversation.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub conv_phone_numbers: Maybe<Vec<String>>,
    /// Phone numbers eligible for delivery reports.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub available_for_report_phone_numbers: Maybe<Vec<String>>,
    /// Phone numbers captured from messages, with where.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub conv_recent_phone_numbers: Maybe<Vec<CapturedPhone>>,
    /// Delivery report counters keyed by phone number.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub reports_by_phone: Maybe<serde_json::Value>,
    /// Recent orders.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub recent_orders: Maybe<Vec<serde_json::Value>>,
    /// The customer's recent post activities.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub activities: Maybe<Vec<serde_json::Value>>,
    /// Ad-click attribution keyed by customer id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub ad_clicks: Maybe<serde_json::Value>,
    /// WhatsApp–Facebook matches.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub matched_wa_fb_customers: Maybe<serde_json::Value>,
    /// Suggested products.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub suggested_products: Maybe<serde_json::Value>,
    /// Suggested posts.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub suggested_posts: Maybe<serde_json::Value>,
    /// Computed information (`sentiment_analysis`, ...).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub extra_info: Maybe<serde_json::Value>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A detailed customer profile returned with a conversation's messages.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct MessageCustomer {
    /// Page-customer id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// Global customer id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub customer_id: Maybe<String>,
    /// Facebook id / PSID.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub fb_id: Maybe<FlexId>,
    /// Global Facebook id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub global_id: Maybe<serde_json::Value>,
    /// Name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    /// Whether the page can message the customer now.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub can_inbox: Maybe<FlexBool>,
    /// Whether the customer is active.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_activated: Maybe<FlexBool>,
    /// Whether the customer follows the page.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_followed: Maybe<FlexBool>,
    /// Currency of the amounts.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub currency: Maybe<String>,
    /// Orders placed.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub order_count: Maybe<FlexNum>,
    /// Orders delivered.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub succeed_order_count: Maybe<FlexNum>,
    /// The last order (ISO text as sent).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub last_order_at: Maybe<String>,
    /// Total purchased.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub purchased_amount: Maybe<FlexNum>,
    /// Reward points.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub reward_point: Maybe<FlexNum>,
    /// Customer level id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub level_id: Maybe<serde_json::Value>,
    /// Customer level name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub level_name: Maybe<String>,
    /// Customer level colour.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub color_customer_level: Maybe<String>,
    /// Discount.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub discount: Maybe<FlexNum>,
    /// Discount type.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub discount_type: Maybe<FlexNum>,
    /// Whether the discount comes from the level.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_discount_by_level: Maybe<FlexBool>,
    /// Largest percentage discount.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub max_discount_by_percent: Maybe<FlexNum>,
    /// Amount referred.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub total_amount_referred: Maybe<FlexNum>,
    /// Emails.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub emails: Maybe<Vec<String>>,
    /// Phone numbers (strings or objects).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub recent_phone_numbers: Maybe<Vec<PhoneEntry>>,
    /// Customer tags.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub tags: Maybe<Vec<serde_json::Value>>,
    /// Ad clicks.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub ad_clicks: Maybe<Vec<serde_json::Value>>,
    /// Where addresses came from.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub address_source: Maybe<Vec<serde_json::Value>>,
    /// `job`, `gender`, `lives_in`, `relationship_status`, ...
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub personal_info: Maybe<serde_json::Value>,
    /// Shipping addresses.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub shop_customer_addresses: Maybe<Vec<serde_json::Value>>,
    /// Web sources (`source`, `params`, `inserted_at`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub web_sources: Maybe<Vec<serde_json::Value>>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer to sending a message, a comment reply or a private reply.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct SentMessage {
    /// The new message's id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// The text sent, or a note from the server.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub message: Maybe<String>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_examples_fill_typed_fields() {
        let list: MessageList = serde_json::from_str(include_str!(
            "../../../tests/fixtures/messages.list/001_messages.json"
        ))
        .unwrap();
        let keys: Vec<_> = list.extra.keys().collect();
        assert_eq!(keys, ["success"]);
        let m = &list.messages.get().unwrap()[0];
        assert!(m.extra.is_empty(), "unmodelled: {:?}", m.extra.keys());
        assert_eq!(m.like_count, Maybe::Null);
        assert_eq!(
            m.inserted_at_timestamp().unwrap().to_rfc3339(),
            "2023-12-26T08:44:29Z"
        );
        assert_eq!(
            m.from.get().unwrap().id.get(),
            Some(&FlexId::Str("3100878013328342".into()))
        );
    }
}
