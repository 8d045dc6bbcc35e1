//! Customer avatars: `https://pancake.vn/api/v1/pages/{page_id}/avatar/{psid}`.
//!
//! The endpoint is public (no token, not counted against the page's rate limit) and answers
//! with a redirect to the image on Pancake's CDN, so it is mostly a URL to build: use
//! [`avatar_url`] as an `<img src>`. The operation `avatar.url` builds the same URL as a `GET`
//! request (for bindings, or to resolve the CDN location without downloading the image); its
//! parse reads the redirect's `Location`.

use serde::Deserialize;

use crate::context::{encode_segment, Api, Context, NoQuery, DEFAULT_BASE_URL};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};
pub use crate::models::avatar::AvatarLocation;
use crate::models::common::{Extra, Maybe};
use crate::operation::{op, Operation};
use crate::response;
use crate::validate::require_text;

/// The host the documents give for avatars (the page APIs live on `pages.fm`).
pub const AVATAR_BASE_URL: &str = "https://pancake.vn/api";

/// The avatar URL of customer `psid` of page `page_id` (both percent-encoded). No token is
/// needed, so the URL is safe to show.
///
/// ```
/// use pancake_core::resources::avatar::avatar_url;
/// assert_eq!(
///     avatar_url("256469571178082", "1494977527279229"),
///     "https://pancake.vn/api/v1/pages/256469571178082/avatar/1494977527279229"
/// );
/// ```
pub fn avatar_url(page_id: &str, psid: &str) -> String {
    format!(
        "{AVATAR_BASE_URL}/v1/pages/{}/avatar/{}",
        encode_segment(page_id),
        encode_segment(psid)
    )
}

/// The avatar of customer `psid` (`GET`, no token). `page_id` defaults to the context's page.
/// With the default context the request goes to [`AVATAR_BASE_URL`]; with another base URL
/// (a mock server) it goes there.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct GetAvatar {
    /// The customer's page-scoped id (`psid`, or a conversation's `from.id`).
    pub psid: String,
    /// The page; the context's page when absent.
    #[serde(default)]
    pub page_id: Option<String>,
}

impl GetAvatar {
    /// The avatar of `psid` on the context's page.
    pub fn new(psid: impl Into<String>) -> Self {
        Self {
            psid: psid.into(),
            page_id: None,
        }
    }

    /// On another page than the context's.
    pub fn page_id(mut self, page_id: impl Into<String>) -> Self {
        self.page_id = Some(page_id.into());
        self
    }
}

impl Endpoint for GetAvatar {
    type Output = AvatarLocation;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        require_text("psid", &self.psid)?;
        let page_id = match &self.page_id {
            Some(p) => {
                require_text("page_id", p)?;
                p.as_str()
            }
            None => ctx.require_page_id()?,
        };
        let base = if ctx.base_url == DEFAULT_BASE_URL {
            AVATAR_BASE_URL.to_owned()
        } else {
            ctx.base_url.clone()
        };
        let host = Context {
            base_url: base,
            page_id: None,
            page_access_token: None,
            access_token: None,
        };
        let path = format!(
            "/pages/{}/avatar/{}",
            encode_segment(page_id),
            encode_segment(&self.psid)
        );
        host.get(Api::Public, &path, &NoQuery {})
    }

    fn parse(&self, response: &HttpResponse) -> Result<AvatarLocation> {
        if (300..400).contains(&response.status) {
            return match response.header("location") {
                Some(loc) if !loc.trim().is_empty() => Ok(AvatarLocation {
                    location: Maybe::Value(loc.trim().to_owned()),
                    extra: Extra::new(),
                }),
                _ => Err(Error::decode(
                    "redirect without a Location header",
                    response.status,
                    &response.body,
                )),
            };
        }
        response::check(response)?;
        Ok(AvatarLocation::default())
    }

    /// The redirect's location: no body to decode, so the typed reading is the JSON one.
    fn parse_value(&self, response: &HttpResponse) -> Result<serde_json::Value> {
        let location = self.parse(response)?;
        serde_json::to_value(location)
            .map_err(|e| Error::decode(e.to_string(), response.status, &response.body))
    }
}

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[op::<GetAvatar>("avatar.url")];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::RetrySafety;

    #[test]
    fn builds_a_public_url() {
        let ctx = Context::page("256469571178082", "secret-page-token");
        let req = GetAvatar::new("1494977527279229").to_request(&ctx).unwrap();
        assert_eq!(
            req.url,
            avatar_url("256469571178082", "1494977527279229"),
            "no token in the URL"
        );
        assert_eq!(req.retry_safety, RetrySafety::Idempotent);
        assert_eq!(req.rate_limit_key, None);
        let mock = Context::default().with_base_url("http://127.0.0.1:8080/api");
        let req = GetAvatar::new("p/1")
            .page_id("9")
            .to_request(&mock)
            .unwrap();
        assert_eq!(req.url, "http://127.0.0.1:8080/api/v1/pages/9/avatar/p%2F1");
        assert!(GetAvatar::new("1").to_request(&Context::default()).is_err());
    }

    #[test]
    fn reads_the_redirect() {
        let g = GetAvatar::new("1");
        let out = g
            .parse(&HttpResponse::new(301, "").with_header(
                "Location",
                "https://content.pancake.vn/2.1-24/avatars/aba903211178ae550e4651c4daef12ae01397de8",
            ))
            .unwrap();
        assert!(out
            .location
            .get()
            .unwrap()
            .starts_with("https://content.pancake.vn/"));
        assert_eq!(
            g.parse(&HttpResponse::new(200, vec![0xFF, 0xD8])).unwrap(),
            AvatarLocation::default()
        );
        assert!(g.parse(&HttpResponse::new(404, "")).is_err());
        assert!(g.parse(&HttpResponse::new(302, "")).is_err());
    }
}
