//! Pages the user manages, and generated page access tokens.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::common::{Extra, FlexId, Maybe};

/// A page (Facebook page, Zalo OA, WhatsApp number, ...).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Page {
    /// The page id (`"256469571178082"`, `"wa_c.us@84328290781"`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<FlexId>,
    /// `facebook`, `zalo`, `whatsapp`, ...
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub platform: Maybe<String>,
    /// The page name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    /// The page picture.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub avatar_url: Maybe<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The response of `GET /v1/pages`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PageList {
    /// The pages.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub pages: Maybe<Vec<Page>>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The response of `POST /v1/pages/{page_id}/generate_page_access_token`. The documents give no
/// example; the token is expected in `page_access_token`, and anything else is kept in `extra`.
/// `Debug` never shows the token.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GeneratedToken {
    /// The new page access token (the previous one stops working).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_access_token: Maybe<String>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

impl fmt::Debug for GeneratedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let token = match &self.page_access_token {
            Maybe::Value(_) => "<redacted>",
            Maybe::Null => "null",
            Maybe::Absent => "absent",
        };
        let keys: Vec<&String> = self.extra.keys().collect();
        f.debug_struct("GeneratedToken")
            .field("page_access_token", &token)
            .field("extra_keys", &keys)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_token() {
        let t: GeneratedToken =
            serde_json::from_str(r#"{"page_access_token":"s3cr3t-tok","success":true}"#).unwrap();
        let shown = format!("{t:?}");
        assert!(!shown.contains("s3cr3t-tok"), "{shown}");
        assert!(shown.contains("success"));
    }
}
