//! Posts: `GET /public_api/v1/pages/{page_id}/posts`, paged by `page_number` / `page_size`.

use serde::{Deserialize, Serialize};

use crate::context::{Api, Context};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::http::HttpRequest;
use crate::models::post::{Post, PostList};
use crate::operation::{paged, Operation};
use crate::validate::check_span;

use crate::paginate::{ListLayout, Listed, Paginated, Position, Style};

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[paged::<ListPosts>("posts.list")];

/// The largest `page_size` the API takes (openapi.yaml, 003: "maximum 30").
pub const MAX_POSTS_PAGE_SIZE: u32 = 30;

/// A post type to filter by (`type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostType {
    /// `video`
    Video,
    /// `photo`
    Photo,
    /// `text`
    Text,
    /// `livestream`
    Livestream,
}

impl PostType {
    /// The API's text.
    pub fn as_str(self) -> &'static str {
        match self {
            PostType::Video => "video",
            PostType::Photo => "photo",
            PostType::Text => "text",
            PostType::Livestream => "livestream",
        }
    }
}

/// The values `type` takes in the posts list.
pub const POST_TYPES: &[&str] = &["video", "photo", "text", "livestream"];

fn one() -> u32 {
    1
}

fn thirty() -> u32 {
    MAX_POSTS_PAGE_SIZE
}

/// Lists the page's posts published in `[since, until]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct ListPosts {
    /// Start of the span, unix seconds (UTC).
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub since: i64,
    /// End of the span, unix seconds (UTC).
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub until: i64,
    /// The page, from 1 (default 1).
    #[serde(default = "one")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub page_number: u32,
    /// Posts per page, 1 to 30 (default 30).
    #[serde(default = "thirty")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = MAX_POSTS_PAGE_SIZE)))]
    pub page_size: u32,
    /// Only posts of this type: `video`, `photo`, `text` or `livestream`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("enum" = POST_TYPES)))]
    pub kind: Option<String>,
}

impl ListPosts {
    /// The first page (30 posts) of posts in `[since, until]` (unix seconds).
    pub fn new(since: i64, until: i64) -> Self {
        Self {
            since,
            until,
            page_number: 1,
            page_size: MAX_POSTS_PAGE_SIZE,
            kind: None,
        }
    }

    /// The page to read, from 1.
    pub fn page_number(mut self, page_number: u32) -> Self {
        self.page_number = page_number;
        self
    }

    /// Posts per page, 1 to 30.
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = page_size;
        self
    }

    /// Only posts of this type.
    pub fn kind(mut self, kind: PostType) -> Self {
        self.kind = Some(kind.as_str().to_owned());
        self
    }
}

impl Endpoint for ListPosts {
    type Output = PostList;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        check_span(self.since, self.until)?;
        if self.page_number < 1 {
            return Err(Error::invalid("page_number", "starts at 1"));
        }
        if !(1..=MAX_POSTS_PAGE_SIZE).contains(&self.page_size) {
            return Err(Error::invalid(
                "page_size",
                format!("must be 1 to {MAX_POSTS_PAGE_SIZE}, not {}", self.page_size),
            ));
        }
        if let Some(kind) = &self.kind {
            if !POST_TYPES.contains(&kind.as_str()) {
                return Err(Error::invalid(
                    "type",
                    format!("must be one of {POST_TYPES:?}, not {kind:?}"),
                ));
            }
        }
        ctx.get(Api::PageV1, "/posts", self)
    }
}

impl Listed for ListPosts {
    const LIST: ListLayout = ListLayout::keyed_by_id(&["posts"]).with_total("total");
}

impl Paginated for ListPosts {
    type Item = Post;
    const STYLE: Style = Style::PageNumber;
    const POSITION: &'static str = "page_number";

    fn page_size(&self) -> u32 {
        self.page_size
    }

    fn at(&self, position: &Position) -> Self {
        let mut next = self.clone();
        if let Position::PageNumber(n) = position {
            next.page_number = *n;
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::HttpResponse;
    use crate::paginate::Paginator;

    #[test]
    fn pages_by_number() {
        let ctx = Context::page("1", "t");
        let req = ListPosts::new(10, 20)
            .kind(PostType::Video)
            .at(&Position::PageNumber(3))
            .to_request(&ctx)
            .unwrap();
        assert_eq!(
            req.url,
            "https://pages.fm/api/public_api/v1/pages/1/posts?since=10&until=20&page_number=3&page_size=30&type=video&page_access_token=t"
        );
        let response = HttpResponse::new(
            200,
            r#"{"success":true,"total":"200","posts":[{"id":"p1","type":"rating"}]}"#,
        );
        let out = ListPosts::new(10, 20).parse_value(&response).unwrap();
        let (_, info) = ListPosts::LIST.split(out);
        assert_eq!(info.total, Some(200));
        let items = Paginator::new(ListPosts::new(10, 20))
            .handle_response(&response)
            .unwrap();
        assert_eq!(items[0].kind.get().map(String::as_str), Some("rating"));
    }
}
