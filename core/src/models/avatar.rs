//! Where an avatar request was redirected (`avatar.url`).

use serde::{Deserialize, Serialize};

use super::common::{Extra, Maybe};

/// Where an avatar request was redirected.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AvatarLocation {
    /// The CDN URL from the redirect's `Location`; absent when the transport followed the
    /// redirect itself (the body is then the image).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub location: Maybe<String>,
    /// Reserved for fields a later version may add.
    #[serde(flatten)]
    pub extra: Extra,
}
