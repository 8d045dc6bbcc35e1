//! Conversations: the v2 list (cursor `last_conversation_id`, 60 per call), the v1 list (a time
//! window of at most one month, `page_number`), tagging, assignment, marking read/unread.

use serde::{Deserialize, Serialize};

use crate::context::{encode_segment, Api, Context, NoQuery};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::http::{Body, HttpRequest, Method, RetrySafety};
use crate::models::common::FlexId;
use crate::models::conversation::{Conversation, ConversationList, TagChange};
use crate::models::customer::Ack;
use crate::operation::{op, paged, windowed, Operation};
use crate::validate::{check_items, check_order_by, check_span, check_unix_seconds, require_text};

use crate::paginate::{Cursor, ListLayout, Listed, Paginated, Position, Style, Windowed};

pub use crate::validate::ORDER_BY_VALUES;

/// How many conversations the v2 list returns per call (documented).
pub const V2_PAGE_SIZE: u32 = 60;

/// How many conversations a v1 page holds. The v1 documents do not say; this is the v2 size,
/// so a shorter page is taken as the last one. `total` is returned too.
pub const V1_PAGE_SIZE: u32 = 60;

/// The longest span the v1 list accepts: "less or equal to one month" (002). We take 30 days,
/// the span a user means by "the last month" and no longer than any month but February.
pub const V1_MAX_WINDOW_SECS: i64 = 30 * 86_400;

/// A list of ids sent as one comma-separated parameter (`tags=1,2,3`): given as a list
/// (`[1, -99]`) or as the text itself (`"1,2,3"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum IdList {
    /// The ids.
    Ids(Vec<FlexId>),
    /// Comma-separated text, sent as is.
    Text(String),
}

impl IdList {
    /// The query value, validated (no empty entries) for `field`.
    fn to_query(&self, field: &str) -> Result<String> {
        let parts: Vec<String> = match self {
            IdList::Ids(ids) => ids.iter().map(ToString::to_string).collect(),
            IdList::Text(text) => text.split(',').map(|s| s.trim().to_owned()).collect(),
        };
        if parts.is_empty() || parts.iter().any(|p| p.is_empty() || p.contains(',')) {
            return Err(Error::invalid(
                field,
                "must be a non-empty list of ids without empty entries",
            ));
        }
        Ok(parts.join(","))
    }
}

impl From<Vec<i64>> for IdList {
    fn from(ids: Vec<i64>) -> Self {
        IdList::Ids(ids.into_iter().map(FlexId::Int).collect())
    }
}

fn conversation_path(conversation_id: &str, suffix: &str) -> Result<String> {
    require_text("conversation_id", conversation_id)?;
    Ok(format!(
        "/conversations/{}{suffix}",
        encode_segment(conversation_id)
    ))
}

/// Lists conversations (v2): the 60 most recently updated, or the 60 older than
/// `last_conversation_id`. `GET public_api/v2/pages/{page_id}/conversations`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct ListConversations {
    /// The cursor: the id of the last conversation of the previous page.
    #[serde(default)]
    pub last_conversation_id: Option<String>,
    /// Only conversations with these tag ids (sent comma-separated).
    #[serde(default)]
    pub tags: Option<IdList>,
    /// Only these types (`INBOX`, `COMMENT`, `COMMENT_LIVESTREAM`, `POST`, ...); `POST` needs
    /// `post_ids`. Sent as a repeated `type` parameter.
    #[serde(default, rename = "type")]
    pub types: Option<Vec<String>>,
    /// Only conversations of these posts. Sent as a repeated `post_ids` parameter.
    #[serde(default)]
    pub post_ids: Option<Vec<String>>,
    /// From this instant, unix seconds.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub since: Option<i64>,
    /// Up to this instant, unix seconds.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub until: Option<i64>,
    /// Unread conversations first.
    #[serde(default)]
    pub unread_first: Option<bool>,
    /// `inserted_at` or `updated_at`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ORDER_BY_VALUES)))]
    pub order_by: Option<String>,
}

impl ListConversations {
    /// The newest conversations, no filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Continue after this conversation id.
    pub fn last_conversation_id(mut self, id: impl Into<String>) -> Self {
        self.last_conversation_id = Some(id.into());
        self
    }

    /// Filter by tag ids.
    pub fn tags(mut self, tags: impl Into<IdList>) -> Self {
        self.tags = Some(tags.into());
        self
    }

    /// Filter by conversation types.
    pub fn types<S: Into<String>>(mut self, types: impl IntoIterator<Item = S>) -> Self {
        self.types = Some(types.into_iter().map(Into::into).collect());
        self
    }

    /// Filter by post ids.
    pub fn post_ids<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.post_ids = Some(ids.into_iter().map(Into::into).collect());
        self
    }

    /// Filter by time (unix seconds, both ends optional).
    pub fn between(mut self, since: Option<i64>, until: Option<i64>) -> Self {
        self.since = since;
        self.until = until;
        self
    }

    /// Put unread conversations first.
    pub fn unread_first(mut self, yes: bool) -> Self {
        self.unread_first = Some(yes);
        self
    }

    /// Sort by `inserted_at` or `updated_at`.
    pub fn order_by(mut self, order_by: impl Into<String>) -> Self {
        self.order_by = Some(order_by.into());
        self
    }

    fn query(&self) -> Result<Vec<(&'static str, String)>> {
        let mut q = Vec::new();
        if let Some(id) = &self.last_conversation_id {
            require_text("last_conversation_id", id)?;
            q.push(("last_conversation_id", id.clone()));
        }
        if let Some(tags) = &self.tags {
            q.push(("tags", tags.to_query("tags")?));
        }
        if let Some(types) = &self.types {
            check_items("type", types)?;
            let has_post = types.iter().any(|t| t.trim().eq_ignore_ascii_case("POST"));
            let has_posts = self.post_ids.as_ref().is_some_and(|p| !p.is_empty());
            if has_post && !has_posts {
                return Err(Error::invalid(
                    "post_ids",
                    "is required when `type` includes POST",
                ));
            }
            q.extend(types.iter().map(|t| ("type", t.clone())));
        }
        if let Some(ids) = &self.post_ids {
            check_items("post_ids", ids)?;
            q.extend(ids.iter().map(|id| ("post_ids", id.clone())));
        }
        if let Some(since) = self.since {
            check_unix_seconds("since", since)?;
            q.push(("since", since.to_string()));
        }
        if let Some(until) = self.until {
            check_unix_seconds("until", until)?;
            q.push(("until", until.to_string()));
        }
        if let (Some(since), Some(until)) = (self.since, self.until) {
            check_span(since, until)?;
        }
        if let Some(yes) = self.unread_first {
            q.push(("unread_first", yes.to_string()));
        }
        check_order_by(self.order_by.as_deref())?;
        if let Some(o) = &self.order_by {
            q.push(("order_by", o.clone()));
        }
        Ok(q)
    }
}

impl Endpoint for ListConversations {
    type Output = ConversationList;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        let query = self.query()?;
        ctx.get(Api::PageV2, "/conversations", &query)
    }
}

/// Where both conversation lists keep their items and total; v2 pages by the last item's id.
const CONVERSATION_LIST: ListLayout =
    ListLayout::keyed_by_id(&["conversations"]).with_total("total");

impl Listed for ListConversations {
    const LIST: ListLayout = ListLayout {
        cursor: Cursor::LastKey,
        ..CONVERSATION_LIST
    };
}

impl Paginated for ListConversations {
    type Item = Conversation;
    const STYLE: Style = Style::Cursor;
    const POSITION: &'static str = "last_conversation_id";

    fn page_size(&self) -> u32 {
        V2_PAGE_SIZE
    }

    fn at(&self, position: &Position) -> Self {
        let mut next = self.clone();
        if let Position::Cursor(cursor) = position {
            next.last_conversation_id = cursor.clone();
        }
        next
    }
}

fn one() -> u32 {
    1
}

/// Lists conversations (v1): one page of those in `[since, until]` (unix seconds, at most one
/// month apart, see [`V1_MAX_WINDOW_SECS`]). `GET public_api/v1/pages/{page_id}/conversations`.
/// The windowed paginator splits longer spans.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct ListConversationsV1 {
    /// Start, unix seconds.
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub since: i64,
    /// End, unix seconds (at most one month after `since`).
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub until: i64,
    /// The page, from 1 (default 1).
    #[serde(default = "one")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub page_number: u32,
    /// `inserted_at` (default) or `updated_at`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ORDER_BY_VALUES)))]
    pub order_by: Option<String>,
    /// Only conversations with these tag ids (sent comma-separated).
    #[serde(default)]
    pub tags: Option<IdList>,
}

impl ListConversationsV1 {
    /// The first page of the conversations in `[since, until]` (unix seconds).
    pub fn new(since: i64, until: i64) -> Self {
        Self {
            since,
            until,
            page_number: 1,
            order_by: None,
            tags: None,
        }
    }

    /// Another page.
    pub fn page_number(mut self, page_number: u32) -> Self {
        self.page_number = page_number;
        self
    }

    /// Sort by `inserted_at` or `updated_at`.
    pub fn order_by(mut self, order_by: impl Into<String>) -> Self {
        self.order_by = Some(order_by.into());
        self
    }

    /// Filter by tag ids.
    pub fn tags(mut self, tags: impl Into<IdList>) -> Self {
        self.tags = Some(tags.into());
        self
    }
}

impl Endpoint for ListConversationsV1 {
    type Output = ConversationList;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        check_span(self.since, self.until)?;
        if self.until - self.since > V1_MAX_WINDOW_SECS {
            return Err(Error::invalid(
                "until",
                format!(
                    "must be at most one month ({V1_MAX_WINDOW_SECS} s) after since; the span is {} s",
                    self.until - self.since
                ),
            ));
        }
        if self.page_number < 1 {
            return Err(Error::invalid("page_number", "must be at least 1"));
        }
        check_order_by(self.order_by.as_deref())?;
        let mut q = vec![
            ("since", self.since.to_string()),
            ("until", self.until.to_string()),
            ("page_number", self.page_number.to_string()),
        ];
        if let Some(o) = &self.order_by {
            q.push(("order_by", o.clone()));
        }
        if let Some(tags) = &self.tags {
            q.push(("tags", tags.to_query("tags")?));
        }
        ctx.get(Api::PageV1, "/conversations", &q)
    }
}

impl Listed for ListConversationsV1 {
    const LIST: ListLayout = CONVERSATION_LIST;
}

impl Paginated for ListConversationsV1 {
    type Item = Conversation;
    const STYLE: Style = Style::PageNumber;
    const POSITION: &'static str = "page_number";

    fn page_size(&self) -> u32 {
        V1_PAGE_SIZE
    }

    fn at(&self, position: &Position) -> Self {
        let mut next = self.clone();
        if let Position::PageNumber(n) = position {
            next.page_number = *n;
        }
        next
    }
}

impl Windowed for ListConversationsV1 {
    const MAX_WINDOW_SECS: i64 = V1_MAX_WINDOW_SECS;

    fn window(&self) -> (i64, i64) {
        (self.since, self.until)
    }

    fn with_window(&self, since: i64, until: i64) -> Self {
        let mut next = self.clone();
        next.since = since;
        next.until = until;
        next.page_number = 1;
        next
    }
}

#[derive(Serialize)]
struct TagBody<'a> {
    action: &'a str,
    tag_id: String,
}

fn tag_request(
    ctx: &Context,
    conversation_id: &str,
    tag_id: &FlexId,
    action: &str,
) -> Result<HttpRequest> {
    let path = conversation_path(conversation_id, "/tags")?;
    let tag_id = tag_id.to_string();
    require_text("tag_id", &tag_id)?;
    ctx.json(
        Method::Post,
        Api::PageV1,
        &path,
        &NoQuery {},
        &TagBody { action, tag_id },
        RetrySafety::Idempotent,
    )
}

/// Adds a tag to a conversation (`POST .../conversations/{id}/tags`, `action: add`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct AddTag {
    /// The conversation.
    pub conversation_id: String,
    /// The tag id (from `tags.list`; sent as a string).
    pub tag_id: FlexId,
}

impl AddTag {
    /// Add `tag_id` to `conversation_id`.
    pub fn new(conversation_id: impl Into<String>, tag_id: impl Into<FlexId>) -> Self {
        Self {
            conversation_id: conversation_id.into(),
            tag_id: tag_id.into(),
        }
    }
}

impl Endpoint for AddTag {
    type Output = TagChange;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        tag_request(ctx, &self.conversation_id, &self.tag_id, "add")
    }
}

/// Removes a tag from a conversation (`POST .../conversations/{id}/tags`, `action: remove`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct RemoveTag {
    /// The conversation.
    pub conversation_id: String,
    /// The tag id (sent as a string).
    pub tag_id: FlexId,
}

impl RemoveTag {
    /// Remove `tag_id` from `conversation_id`.
    pub fn new(conversation_id: impl Into<String>, tag_id: impl Into<FlexId>) -> Self {
        Self {
            conversation_id: conversation_id.into(),
            tag_id: tag_id.into(),
        }
    }
}

impl Endpoint for RemoveTag {
    type Output = TagChange;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        tag_request(ctx, &self.conversation_id, &self.tag_id, "remove")
    }
}

/// Assigns staff to a conversation (`POST .../conversations/{id}/assign` with a JSON body; the
/// older documents' `GET` is not used). An empty list unassigns everyone. Answers with the
/// updated conversation.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct AssignConversation {
    /// The conversation.
    pub conversation_id: String,
    /// Staff user UUIDs (from `users.list`).
    pub assignee_ids: Vec<String>,
}

impl AssignConversation {
    /// Assign `assignee_ids` to `conversation_id`.
    pub fn new<S: Into<String>>(
        conversation_id: impl Into<String>,
        assignee_ids: impl IntoIterator<Item = S>,
    ) -> Self {
        Self {
            conversation_id: conversation_id.into(),
            assignee_ids: assignee_ids.into_iter().map(Into::into).collect(),
        }
    }
}

impl Endpoint for AssignConversation {
    type Output = Conversation;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        let path = conversation_path(&self.conversation_id, "/assign")?;
        check_items("assignee_ids", &self.assignee_ids)?;
        #[derive(Serialize)]
        struct AssignBody<'a> {
            assignee_ids: &'a [String],
        }
        ctx.json(
            Method::Post,
            Api::PageV1,
            &path,
            &NoQuery {},
            &AssignBody {
                assignee_ids: &self.assignee_ids,
            },
            RetrySafety::Idempotent,
        )
    }
}

fn mark_request(ctx: &Context, conversation_id: &str, suffix: &str) -> Result<HttpRequest> {
    let path = conversation_path(conversation_id, suffix)?;
    ctx.with_body(
        Method::Post,
        Api::PageV1,
        &path,
        &NoQuery {},
        Body::None,
        RetrySafety::Idempotent,
    )
}

/// Marks a conversation as read (`POST .../conversations/{id}/read`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct MarkRead {
    /// The conversation.
    pub conversation_id: String,
}

impl MarkRead {
    /// Mark `conversation_id` as read.
    pub fn new(conversation_id: impl Into<String>) -> Self {
        Self {
            conversation_id: conversation_id.into(),
        }
    }
}

impl Endpoint for MarkRead {
    type Output = Ack;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        mark_request(ctx, &self.conversation_id, "/read")
    }
}

/// Marks a conversation as unread (`POST .../conversations/{id}/unread`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct MarkUnread {
    /// The conversation.
    pub conversation_id: String,
}

impl MarkUnread {
    /// Mark `conversation_id` as unread.
    pub fn new(conversation_id: impl Into<String>) -> Self {
        Self {
            conversation_id: conversation_id.into(),
        }
    }
}

impl Endpoint for MarkUnread {
    type Output = Ack;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        mark_request(ctx, &self.conversation_id, "/unread")
    }
}

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[
    paged::<ListConversations>("conversations.list"),
    windowed::<ListConversationsV1>("conversations.list_v1"),
    op::<AddTag>("conversations.add_tag"),
    op::<RemoveTag>("conversations.remove_tag"),
    op::<AssignConversation>("conversations.assign"),
    op::<MarkRead>("conversations.mark_read"),
    op::<MarkUnread>("conversations.mark_unread"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::HttpResponse;

    fn ctx() -> Context {
        Context::page("42", "tok")
    }

    fn field(err: Error) -> String {
        match err {
            Error::InvalidRequest { field, .. } => field,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn v2_query_order_and_arrays() {
        let req = ListConversations::new()
            .tags(vec![1, -99])
            .types(["POST", "INBOX"])
            .post_ids(["p_1"])
            .between(Some(1_700_000_000), Some(1_700_086_400))
            .unread_first(true)
            .order_by("updated_at")
            .to_request(&ctx())
            .unwrap();
        assert_eq!(
            req.url,
            "https://pages.fm/api/public_api/v2/pages/42/conversations?tags=1%2C-99&type=POST&type=INBOX&post_ids=p_1&since=1700000000&until=1700086400&unread_first=true&order_by=updated_at&page_access_token=tok"
        );
    }

    #[test]
    fn v2_validation_names_the_parameter() {
        let e = ListConversations::new().types(["POST"]).to_request(&ctx());
        assert_eq!(field(e.unwrap_err()), "post_ids");
        let e = ListConversations::new()
            .between(Some(1_700_000_000_000), None)
            .to_request(&ctx());
        assert_eq!(field(e.unwrap_err()), "since");
        let e = ListConversations::new()
            .between(Some(20), Some(10))
            .to_request(&ctx());
        assert_eq!(field(e.unwrap_err()), "until");
        let e = ListConversations::new().order_by("name").to_request(&ctx());
        assert_eq!(field(e.unwrap_err()), "order_by");
        let e = ListConversations::new()
            .tags(IdList::Text("1,,2".into()))
            .to_request(&ctx());
        assert_eq!(field(e.unwrap_err()), "tags");
    }

    #[test]
    fn v2_pages_by_the_last_id() {
        let body = r#"{"conversations":[{"id":"a"},{"id":"b"}],"success":true}"#;
        let out = ListConversations::new()
            .parse_value(&HttpResponse::new(200, body))
            .unwrap();
        let (items, info) = ListConversations::LIST.split(out);
        assert_eq!(items.len(), 2);
        assert_eq!(info.next_cursor.as_deref(), Some("b"));
        let next = ListConversations::new().at(&Position::Cursor(Some("b".into())));
        assert_eq!(next.last_conversation_id.as_deref(), Some("b"));
        let first = next.at(&Position::Cursor(None));
        assert_eq!(first.last_conversation_id, None);
    }

    #[test]
    fn v1_window_is_at_most_a_month() {
        let since = 1_700_000_000;
        assert!(ListConversationsV1::new(since, since + V1_MAX_WINDOW_SECS)
            .to_request(&ctx())
            .is_ok());
        let e = ListConversationsV1::new(since, since + V1_MAX_WINDOW_SECS + 1).to_request(&ctx());
        assert_eq!(field(e.unwrap_err()), "until");
        let e = ListConversationsV1::new(since, since)
            .page_number(0)
            .to_request(&ctx());
        assert_eq!(field(e.unwrap_err()), "page_number");
        let w = ListConversationsV1::new(since, since + 10)
            .page_number(3)
            .with_window(5, 6);
        assert_eq!((w.window(), w.page_number), ((5, 6), 1));
        let (_, info) = ListConversationsV1::LIST
            .split(serde_json::from_str(r#"{"conversations":[],"total":7}"#).unwrap());
        assert_eq!(info.total, Some(7));
    }

    #[test]
    fn tag_ids_are_sent_as_strings() {
        let req = AddTag::new("c 1", -99).to_request(&ctx()).unwrap();
        assert_eq!(
            req.url,
            "https://pages.fm/api/public_api/v1/pages/42/conversations/c%201/tags?page_access_token=tok"
        );
        assert_eq!(
            req.json_body().unwrap(),
            r#"{"action":"add","tag_id":"-99"}"#
        );
        assert_eq!(req.retry_safety, RetrySafety::Idempotent);
        let e = RemoveTag::new(" ", 1).to_request(&ctx());
        assert_eq!(field(e.unwrap_err()), "conversation_id");
    }
}
