//! Pages the user manages, and generated page access tokens.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::common::{Extra, FlexId, Maybe};

/// A page (Facebook page, Zalo OA, WhatsApp number, ...).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// The response of `GET /v1/pages`: the documents show `{"pages": [...]}`; the live service
/// has also been seen grouping them as `{"categorized": {"activated": [...], ...}}`.
/// [`PageList::active_pages`] reads either shape.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PageList {
    /// The pages (the documented shape).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub pages: Maybe<Vec<Page>>,
    /// The pages grouped by state (the other shape).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub categorized: Maybe<CategorizedPages>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The pages of a [`PageList`] grouped by state.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CategorizedPages {
    /// The pages the user can use.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub activated: Maybe<Vec<Page>>,
    /// Other groups (`inactivated`, ...), kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

impl PageList {
    /// The pages the user can use: `categorized.activated` when the response is grouped,
    /// else `pages`; empty when neither is there (or is `null`).
    pub fn active_pages(&self) -> &[Page] {
        let listed = match self.categorized.get() {
            Some(groups) => groups.activated.get(),
            None => self.pages.get(),
        };
        listed.map_or(&[], Vec::as_slice)
    }
}

/// The response of `POST /v1/pages/{page_id}/generate_page_access_token`. The documents give no
/// example; the token is expected in `page_access_token`, and anything else is kept in `extra`.
/// `Debug` never shows the token.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    fn active_pages_reads_either_shape() {
        let flat: PageList =
            serde_json::from_str(r#"{"pages":[{"id":"1","name":"A"}],"success":true}"#).unwrap();
        assert_eq!(flat.active_pages().len(), 1);
        let grouped = r#"{"categorized":{"activated":[{"id":"2"},{"id":3}],"inactivated":[{"id":"4"}]},"success":true}"#;
        let grouped: PageList = serde_json::from_str(grouped).unwrap();
        let ids: Vec<String> = grouped
            .active_pages()
            .iter()
            .map(|p| p.id.get().unwrap().to_string())
            .collect();
        assert_eq!(ids, ["2", "3"]);
        // Nothing is lost: the other group is kept as sent.
        let back = serde_json::to_value(&grouped).unwrap();
        assert_eq!(back["categorized"]["inactivated"][0]["id"], "4");
        for empty in [
            r#"{}"#,
            r#"{"pages":null}"#,
            r#"{"categorized":{"activated":null}}"#,
        ] {
            let list: PageList = serde_json::from_str(empty).unwrap();
            assert!(list.active_pages().is_empty(), "{empty}");
        }
    }

    #[test]
    fn debug_hides_the_token() {
        let t: GeneratedToken =
            serde_json::from_str(r#"{"page_access_token":"s3cr3t-tok","success":true}"#).unwrap();
        let shown = format!("{t:?}");
        assert!(!shown.contains("s3cr3t-tok"), "{shown}");
        assert!(shown.contains("success"));
    }
}
