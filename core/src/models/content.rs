//! Uploaded contents (`POST /pages/{page_id}/upload_contents`).

use serde::{Deserialize, Serialize};

use super::common::{Extra, Maybe};

/// An uploaded file: its id goes into a message's `content_ids`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct UploadedContent {
    /// The content id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// `PHOTO`, `VIDEO`, `DOCUMENT` or `AUDIO_ATTACHMENT_ID`.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub attachment_type: Maybe<String>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}
