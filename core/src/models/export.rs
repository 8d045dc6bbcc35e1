//! Exported conversations (`GET /pages/{page_id}/export_data?action=conversations_from_ads`).

use serde::{Deserialize, Serialize};

use super::common::{Extra, FlexBool, FlexId, Maybe};
use crate::error::Result;
use crate::normalize::{parse_timestamp, Timestamp};

/// Someone named in an exported conversation (the sender, a customer, an assignee, a staff
/// member who saw it).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ExportPerson {
    /// The id (a Facebook id for `from`, a Pancake UUID for customers and assignees).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// The name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    /// The e-mail (`from` only).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub email: Maybe<String>,
    /// The Facebook id (customers, seen users).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub fb_id: Maybe<String>,
    /// The Facebook name (seen users).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub fb_name: Maybe<String>,
    /// When the conversation was seen (seen users), as sent.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub seen_at: Maybe<serde_json::Value>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One conversation that came from an ad.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ExportedConversation {
    /// The conversation id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// Tags (strings in the schema; numbers elsewhere, hence [`FlexId`]).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub tags: Maybe<Vec<FlexId>>,
    /// The customer who wrote.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub from: Maybe<ExportPerson>,
    /// Creation time, as sent.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inserted_at: Maybe<serde_json::Value>,
    /// Last update, as sent.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub updated_at: Maybe<serde_json::Value>,
    /// The customers in the conversation.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub customers: Maybe<Vec<ExportPerson>>,
    /// Recent phone numbers (strings in the schema, objects elsewhere: kept as sent).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub recent_phone_numbers: Maybe<Vec<serde_json::Value>>,
    /// Staff who saw the conversation.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub recent_seen_users: Maybe<Vec<ExportPerson>>,
    /// The thread key.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub thread_key: Maybe<String>,
    /// The customer's page-scoped id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub psid: Maybe<String>,
    /// The ad clicks that started it (kept as sent).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub ad_clicks: Maybe<Vec<serde_json::Value>>,
    /// Whether the customer is banned.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_banned: Maybe<FlexBool>,
    /// Assigned staff.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub assignees: Maybe<Vec<ExportPerson>>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl ExportedConversation {
    /// `inserted_at` as a UTC instant.
    pub fn inserted_at_timestamp(&self) -> Option<Result<Timestamp>> {
        self.inserted_at.get().map(parse_timestamp)
    }

    /// `updated_at` as a UTC instant.
    pub fn updated_at_timestamp(&self) -> Option<Result<Timestamp>> {
        self.updated_at.get().map(parse_timestamp)
    }
}

/// One page (up to 60) of exported conversations.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ExportedConversations {
    /// The conversations.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub data: Maybe<Vec<ExportedConversation>>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}
