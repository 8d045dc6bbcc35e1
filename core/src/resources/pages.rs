//! Pages (user API, `access_token`): `GET /v1/pages` and
//! `POST /v1/pages/{page_id}/generate_page_access_token`.

use crate::context::{encode_segment, Api, Context, NoQuery};
use crate::endpoint::Endpoint;
use crate::error::Result;
use crate::http::{Body, HttpRequest, Method, RetrySafety};
use crate::models::page::{GeneratedToken, PageList};
use crate::operations::{op, Operation};
use crate::resources::conversations::require_text;

/// Lists the pages the user (the context's `access_token`) manages.
#[derive(Debug, Clone, Default, serde::Deserialize)]
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
/// page. The old token stops working. `page_id` goes in the path (openapi.yaml calls it a
/// query parameter by mistake). Repeating the call only renews the token again, so it is
/// retried like an idempotent request.
#[derive(Debug, Clone, serde::Deserialize)]
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
            &NoQuery {},
            Body::None,
            RetrySafety::Idempotent,
        )
    }
}

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[
    op::<ListPages>("pages.list"),
    op::<GeneratePageAccessToken>("pages.generate_page_access_token"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::HttpResponse;

    #[test]
    fn token_generation_uses_the_path_and_the_user_token() {
        let ctx = Context::user("utok");
        let req = GeneratePageAccessToken::new("12 3")
            .to_request(&ctx)
            .unwrap();
        assert_eq!(req.method, Method::Post);
        assert_eq!(
            req.url,
            "https://pages.fm/api/v1/pages/12%203/generate_page_access_token?access_token=utok"
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
