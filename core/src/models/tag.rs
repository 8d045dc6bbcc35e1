//! Tags configured on a page.

use serde::{Deserialize, Serialize};

use super::common::{Extra, FlexId, Maybe};

/// A tag (`GET /pages/{page_id}/tags`). Ids are numbers here (including `-99`), strings
/// elsewhere, hence [`FlexId`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Tag {
    /// The tag id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<FlexId>,
    /// The tag's name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub text: Maybe<String>,
    /// The main colour (`#4b5577`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub color: Maybe<String>,
    /// The lightened colour.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub lighten_color: Maybe<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The response of `GET /pages/{page_id}/tags`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TagList {
    /// The tags (`null` and absent are kept apart).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub tags: Maybe<Vec<Tag>>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}
