//! Messages of a conversation (`GET .../conversations/{id}/messages`) and the answer to sending.

use serde::{Deserialize, Serialize};

use super::common::{Extra, FlexBool, FlexId, FlexNum, Maybe};
use super::conversation::{CustomerRef, Participant, PhoneEntry, ReadWatermark};
use super::customer::{Birthday, Note};
use crate::normalize::{parse_timestamp, Timestamp};

/// A media attachment of a message.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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
    /// Fields this SDK does not know yet (`can_like`, `rich_message`, ...).
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
    pub customers: Maybe<Vec<serde_json::Value>>,
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
    /// Fields this SDK does not know yet (`success`, `activities`, `extra_info`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer to sending a message, a comment reply or a private reply.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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
