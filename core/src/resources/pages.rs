//! Pages (user API, `access_token`): `GET /v1/pages` and
//! `POST /v1/pages/{page_id}/generate_page_access_token`.

use crate::context::{encode_segment, Api, Context, NoQuery};
use crate::endpoint::Endpoint;

use crate::error::Result;
use crate::http::{Body, HttpRequest, Method, RetrySafety};
use crate::models::page::{GeneratedToken, PageList};
use crate::operation::{listed, op, Operation};
use crate::paginate::{KeyField, ListLayout, Listed};
use crate::validate::require_text;

/// Lists the pages the user (the context's `access_token`) manages.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct ListPages {}

impl ListPages {
    /// A request for every page of the user.
    pub fn new() -> Self {
        Self {}
    }
}

impl Endpoint for ListPages {
    type Output = PageList;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        ctx.get(Api::User, "/pages", &NoQuery {})
    }
}

/// Generates (or renews) the page access token of `page_id`; the user must be an admin of the
/// page. The old token stops working. `page_id` travels twice: in the path, which the URL
/// template names, and in the query, where openapi.yaml and the parameter table of the older
/// reference require it. Repeating the call only renews the token again, so it is retried
/// like an idempotent request.
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct GeneratePageAccessToken {
    /// The page to generate a token for.
    pub page_id: String,
}

impl GeneratePageAccessToken {
    /// A request for a new token of `page_id`.
    pub fn new(page_id: impl Into<String>) -> Self {
        Self {
            page_id: page_id.into(),
        }
    }
}

impl Endpoint for GeneratePageAccessToken {
    type Output = GeneratedToken;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        require_text("page_id", &self.page_id)?;
        let path = format!(
            "/pages/{}/generate_page_access_token",
            encode_segment(&self.page_id)
        );
        ctx.with_body(
            Method::Post,
            Api::User,
            &path,
            &PageIdQuery {
                page_id: &self.page_id,
            },
            Body::None,
            RetrySafety::Idempotent,
        )
    }
}

/// The query of [`GeneratePageAccessToken`]: the page id again, as the API requires.
#[derive(serde::Serialize)]
struct PageIdQuery<'a> {
    page_id: &'a str,
}

impl Listed for ListPages {
    /// The pages the user can use, as [`PageList::active_pages`] reads them: the activated
    /// group when the server grouped them, else `pages`.
    const LIST: ListLayout = ListLayout {
        key: &[KeyField::FlexId {
            field: "id",
            prefix: "",
        }],
        ..ListLayout::keyed_by_id(&["categorized.activated", "pages"])
    };
}

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[
    listed::<ListPages>("pages.list"),
    op::<GeneratePageAccessToken>("pages.generate_page_access_token"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::HttpResponse;
    use serde_json::{json, Value};

    #[test]
    fn list_page_reads_either_shape() {
        let op = OPERATIONS
            .iter()
            .find(|op| op.name == "pages.list")
            .unwrap();
        let page = |body: &str| {
            (op.list_page.unwrap())(&json!({}), &HttpResponse::new(200, body)).unwrap()
        };
        let flat = page(r#"{"pages":[{"id":"1"}],"success":true}"#);
        assert_eq!(flat["items"], json!([{"id": "1"}]));
        let grouped = page(
            r#"{"categorized":{"activated":[{"id":"2","x":1}],"inactivated":[{"id":"3"}]},"success":true}"#,
        );
        assert_eq!(grouped["items"], json!([{"id": "2", "x": 1}]));
        assert_eq!(grouped["total"], Value::Null);
        assert_eq!(
            grouped["response"]["categorized"]["inactivated"][0]["id"],
            "3"
        );
        // The layout picks what the typed model's `active_pages` picks, whatever the shape.
        for body in [
            "{}",
            r#"{"pages":null,"categorized":null}"#,
            r#"{"categorized":{"inactivated":[{"id":"3"}]},"pages":[{"id":"1"}]}"#,
            r#"{"categorized":{"activated":null},"pages":[{"id":"1"}]}"#,
            r#"{"categorized":null,"pages":[{"id":1},{"id":"2"}]}"#,
        ] {
            let typed: PageList = serde_json::from_str(body).unwrap();
            let typed = serde_json::to_value(typed.active_pages()).unwrap();
            assert_eq!(page(body)["items"], typed, "{body}");
        }
    }

    #[test]
    fn token_generation_sends_the_page_id_in_path_and_query() {
        let ctx = Context::user("utok");
        let req = GeneratePageAccessToken::new("12 3")
            .to_request(&ctx)
            .unwrap();
        assert_eq!(req.method, Method::Post);
        assert_eq!(
            req.url,
            "https://pages.fm/api/v1/pages/12%203/generate_page_access_token?page_id=12+3&access_token=utok"
        );
        assert_eq!(req.rate_limit_key, None);
        let out = GeneratePageAccessToken::new("1")
            .parse(&HttpResponse::new(
                200,
                r#"{"success":true,"page_access_token":"new"}"#,
            ))
            .unwrap();
        assert_eq!(out.page_access_token.get().map(String::as_str), Some("new"));
    }
}
