//! Pages (user API, `access_token`): `GET /v1/pages` and
//! `POST /v1/pages/{page_id}/generate_page_access_token`.

use crate::context::{encode_segment, Api, Context, NoQuery};
use crate::endpoint::Endpoint;
use serde_json::Value;

use crate::error::Result;
use crate::http::{Body, HttpRequest, HttpResponse, Method, RetrySafety};
use crate::models::page::{GeneratedToken, PageList};
use crate::operation::{op, Operation};
use crate::params;
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

/// One response of `pages.list` as `{items, total: null, next_cursor: null, response}`, the
/// items being [`PageList::active_pages`]: which shape the server used is decided here, once,
/// for every binding.
fn list_pages(params: &Value, response: &HttpResponse) -> Result<Value> {
    let output = params::read::<ListPages>(params)?.parse_value(response)?;
    // As `PageList::active_pages` reads it: the activated group when the server grouped them.
    let listed = match output.get("categorized").filter(|v| !v.is_null()) {
        Some(groups) => groups.get("activated"),
        None => output.get("pages"),
    };
    let items = listed
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    Ok(serde_json::json!({
        "items": items,
        "total": null,
        "next_cursor": null,
        "response": output,
    }))
}

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[
    Operation {
        list_page: Some(list_pages),
        ..op::<ListPages>("pages.list")
    },
    op::<GeneratePageAccessToken>("pages.generate_page_access_token"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_page_reads_either_shape() {
        let page =
            |body: &str| list_pages(&serde_json::json!({}), &HttpResponse::new(200, body)).unwrap();
        let flat = page(r#"{"pages":[{"id":"1"}],"success":true}"#);
        assert_eq!(flat["items"], serde_json::json!([{"id": "1"}]));
        let grouped = page(
            r#"{"categorized":{"activated":[{"id":"2","x":1}],"inactivated":[{"id":"3"}]},"success":true}"#,
        );
        assert_eq!(grouped["items"], serde_json::json!([{"id": "2", "x": 1}]));
        assert_eq!(grouped["total"], Value::Null);
        assert_eq!(
            grouped["response"]["categorized"]["inactivated"][0]["id"],
            "3"
        );
        assert_eq!(page("{}")["items"], serde_json::json!([]));
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
