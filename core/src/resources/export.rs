//! Export: `GET /public_api/v1/pages/{page_id}/export_data?action=conversations_from_ads`.
//!
//! Each call returns up to 60 conversations from `offset` on; [`ExportConversationsFromAds`]
//! implements [`Paginated`] with [`Style::Offset`].

use serde::{Deserialize, Serialize};

use crate::context::{Api, Context};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::http::HttpRequest;
use crate::models::export::{ExportedConversation, ExportedConversations};
use crate::operation::{paged, Operation};
use crate::validate::check_span;

use crate::paginate::{ListLayout, Listed, Paginated, Position, Style};

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[paged::<ExportConversationsFromAds>(
    "export.conversations_from_ads",
)];

/// The only `action` the endpoint knows.
pub const ACTION_CONVERSATIONS_FROM_ADS: &str = "conversations_from_ads";

/// How many conversations one call returns at most.
pub const EXPORT_PAGE_SIZE: u32 = 60;

/// Exports the conversations that came from ads in `[since, until]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct ExportConversationsFromAds {
    /// Start of the span, unix seconds (UTC).
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub since: i64,
    /// End of the span, unix seconds (UTC).
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub until: i64,
    /// Always `conversations_from_ads` (sent even when not given).
    #[serde(default = "default_action")]
    pub action: String,
    /// How many conversations were already read (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
}

fn default_action() -> String {
    ACTION_CONVERSATIONS_FROM_ADS.to_owned()
}

impl ExportConversationsFromAds {
    /// The first 60 conversations from ads in `[since, until]` (unix seconds).
    pub fn new(since: i64, until: i64) -> Self {
        Self {
            since,
            until,
            action: default_action(),
            offset: None,
        }
    }

    /// Start after `offset` conversations.
    pub fn offset(mut self, offset: u64) -> Self {
        self.offset = Some(offset);
        self
    }
}

impl Endpoint for ExportConversationsFromAds {
    type Output = ExportedConversations;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        check_span(self.since, self.until)?;
        if self.action != ACTION_CONVERSATIONS_FROM_ADS {
            return Err(Error::invalid(
                "action",
                format!(
                    "must be `{ACTION_CONVERSATIONS_FROM_ADS}`, not {:?}",
                    self.action
                ),
            ));
        }
        ctx.get(Api::PageV1, "/export_data", self)
    }
}

impl Listed for ExportConversationsFromAds {
    const LIST: ListLayout = ListLayout::keyed_by_id(&["data"]);
}

impl Paginated for ExportConversationsFromAds {
    type Item = ExportedConversation;
    const STYLE: Style = Style::Offset;
    const POSITION: &'static str = "offset";

    fn page_size(&self) -> u32 {
        EXPORT_PAGE_SIZE
    }

    fn at(&self, position: &Position) -> Self {
        let mut next = self.clone();
        next.offset = match position {
            Position::Count(n) => Some(*n),
            Position::PageNumber(p) => Some(u64::from(p.saturating_sub(1)) * 60),
            Position::Cursor(_) => next.offset,
        };
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::HttpResponse;

    #[test]
    fn pages_by_offset() {
        let ctx = Context::page("1", "t");
        let first = ExportConversationsFromAds::new(1_672_531_200, 1_675_219_599);
        assert_eq!(
            first.to_request(&ctx).unwrap().url,
            "https://pages.fm/api/public_api/v1/pages/1/export_data?since=1672531200&until=1675219599&action=conversations_from_ads&page_access_token=t"
        );
        let next = first.at(&Position::Count(60));
        assert!(next
            .to_request(&ctx)
            .unwrap()
            .url
            .contains("&offset=60&page_access_token"));
        let out = next
            .parse_value(&HttpResponse::new(
                200,
                r#"{"data":[{"id":"c1","is_banned":false}],"success":true}"#,
            ))
            .unwrap();
        let list = ExportConversationsFromAds::LIST;
        let (items, info) = list.split(out);
        assert_eq!(items.len(), 1);
        assert_eq!(list.key_of(&items[0]).as_deref(), Some("c1"));
        assert_eq!(info, crate::paginate::PageInfo::default());
    }
}
