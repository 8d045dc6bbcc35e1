//! Posts (`GET /pages/{page_id}/posts`).

use serde::{Deserialize, Serialize};

use super::common::{Extra, FlexNum, Maybe};
use crate::error::Result;
use crate::normalize::{parse_timestamp, Timestamp};

/// Who published a post.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PostAuthor {
    /// The author's id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// The author's name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Reaction counts.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Reactions {
    /// Angry.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub angry_count: Maybe<FlexNum>,
    /// Care.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub care_count: Maybe<FlexNum>,
    /// Haha.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub haha_count: Maybe<FlexNum>,
    /// Like.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub like_count: Maybe<FlexNum>,
    /// Love.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub love_count: Maybe<FlexNum>,
    /// Sad.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub sad_count: Maybe<FlexNum>,
    /// Wow.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub wow_count: Maybe<FlexNum>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A post of the page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Post {
    /// The post id (`256469571178082_1719461745119729`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// The page id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_id: Maybe<String>,
    /// The author.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub from: Maybe<PostAuthor>,
    /// The text.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub message: Maybe<String>,
    /// The post type (`video`, `photo`, `text`, `livestream`, `rating`, ...).
    #[serde(default, skip_serializing_if = "Maybe::is_absent", rename = "type")]
    pub kind: Maybe<String>,
    /// Creation time, as sent.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inserted_at: Maybe<serde_json::Value>,
    /// Number of comments.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub comment_count: Maybe<FlexNum>,
    /// Reaction counts.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub reactions: Maybe<Reactions>,
    /// Phone numbers left in the comments.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub phone_number_count: Maybe<FlexNum>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Post {
    /// `inserted_at` as a UTC instant.
    pub fn inserted_at_timestamp(&self) -> Option<Result<Timestamp>> {
        self.inserted_at.get().map(parse_timestamp)
    }
}

/// One page of posts.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PostList {
    /// The total number of posts in the span.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub total: Maybe<FlexNum>,
    /// The posts.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub posts: Maybe<Vec<Post>>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}
