//! The Pancake Chat Plugin (`/v1/pke_chat_plugin/messages`, no token).

use serde::{Deserialize, Serialize};

use super::common::{Extra, FlexBool, FlexNum, Maybe};
use crate::error::Result;
use crate::normalize::{parse_timestamp, Timestamp};

/// The response of `POST /pke_chat_plugin/messages`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct SentPluginMessage {
    /// The message id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// The conversation (new or existing).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub conversation_id: Maybe<String>,
    /// The sender id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub from_id: Maybe<String>,
    /// The client-side id echoed back.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub dummy_id: Maybe<FlexNum>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// Who sent a chat plugin message.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PluginSender {
    /// The sender id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// The sender's name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    /// The admin who answered (page messages), or `null`.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub admin_id: Maybe<String>,
    /// The admin's name, or `null`.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub admin_name: Maybe<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An image of a link preview.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PluginImage {
    /// The image URL.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub url: Maybe<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An attachment of a chat plugin message (a link preview, an image, ...).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PluginAttachment {
    /// `link`, `photo`, ...
    #[serde(default, skip_serializing_if = "Maybe::is_absent", rename = "type")]
    pub kind: Maybe<String>,
    /// The title.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub title: Maybe<String>,
    /// The description.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub description: Maybe<String>,
    /// The link.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub link: Maybe<String>,
    /// The preview image.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub image: Maybe<PluginImage>,
    /// Whether the link points at the website the plugin runs on.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_web_source: Maybe<FlexBool>,
    /// Fields this SDK does not know yet (`url`, `mime_type`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A message of a chat plugin conversation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PluginMessage {
    /// The message id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// The content as HTML (`<div>Hello</div>`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub message: Maybe<String>,
    /// The content as plain text.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub original_message: Maybe<String>,
    /// The message type (`INBOX`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent", rename = "type")]
    pub kind: Maybe<String>,
    /// Whether it was seen.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub seen: Maybe<FlexBool>,
    /// Whether to show the sender's info.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub show_info: Maybe<FlexBool>,
    /// The sender.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub from: Maybe<PluginSender>,
    /// When it was sent (`2025-12-13T04:59:23.856000`), as sent.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inserted_at: Maybe<serde_json::Value>,
    /// The plugin's page id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_id: Maybe<String>,
    /// The conversation id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub conversation_id: Maybe<String>,
    /// Attachments.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub attachments: Maybe<Vec<PluginAttachment>>,
    /// Whether it holds a phone number.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub has_phone: Maybe<FlexBool>,
    /// Whether it was removed.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_removed: Maybe<FlexBool>,
    /// Whether it is hidden.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_hidden: Maybe<FlexBool>,
    /// Message tags (kept as sent).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub message_tags: Maybe<Vec<serde_json::Value>>,
    /// Whether the user liked it.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub user_likes: Maybe<FlexBool>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl PluginMessage {
    /// `inserted_at` as a UTC instant.
    pub fn inserted_at_timestamp(&self) -> Option<Result<Timestamp>> {
        self.inserted_at.get().map(parse_timestamp)
    }
}

/// The response of `GET /pke_chat_plugin/messages`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PluginMessages {
    /// The messages.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub messages: Maybe<Vec<PluginMessage>>,
    /// Whether feedback can be requested.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub can_request_feedback: Maybe<FlexBool>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}
