//! Staff users of a page (`GET /pages/{page_id}/users`) and round robin settings.
//!
//! 000 shows a few fields per user (`id`, `name`, `email`); 003 and openapi.yaml many more
//! (`status`, `fb_id`, `page_permissions`, `is_online`, ...) plus `disabled_users` and
//! `round_robin_users`. All are optional here.

use serde::{Deserialize, Serialize};

use super::common::{Extra, FlexBool, Maybe};

/// A staff member's permissions on the page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PagePermissions {
    /// Permission codes (`[100, 71, 81]`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub permissions: Maybe<Vec<serde_json::Value>>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A staff member (a Pancake user with access to the page).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct User {
    /// The Pancake user UUID (what `assignee_ids`, `user_ids` and round robin take).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// The name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    /// The e-mail (000).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub email: Maybe<String>,
    /// Availability (`available`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub status: Maybe<String>,
    /// The Facebook id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub fb_id: Maybe<String>,
    /// Permissions on the page (may be `null`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_permissions: Maybe<PagePermissions>,
    /// Status in the page (`active`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub status_in_page: Maybe<String>,
    /// Whether the user is online.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_online: Maybe<FlexBool>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The users taking turns on new inbox messages and comments.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RoundRobinUsers {
    /// User UUIDs for comments.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub comment: Maybe<Vec<String>>,
    /// User UUIDs for inbox messages.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inbox: Maybe<Vec<String>>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The response of `GET /pages/{page_id}/users`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct UserList {
    /// Active users.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub users: Maybe<Vec<User>>,
    /// Disabled users.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub disabled_users: Maybe<Vec<User>>,
    /// The current round robin settings.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub round_robin_users: Maybe<RoundRobinUsers>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The response of `POST /pages/{page_id}/round_robin_users`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RoundRobinUpdate {
    /// The server's confirmation (`Cài đặt đã được cập nhật thành công`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub message: Maybe<String>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}
