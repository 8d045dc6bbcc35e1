//! Where requests go and with which credentials.
//!
//! A [`Context`] is plain data: the base URL, and the page id and tokens the caller holds. Every
//! endpoint builds its [`HttpRequest`] from one, so the base URL, the token parameter and the
//! rate-limit key are decided in one place.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::http::{Body, HttpRequest, Method, RetrySafety};
use crate::redact::Secret;

/// The production base URL. User APIs live under `{base}/v1`, page APIs under
/// `{base}/public_api/v1` and `{base}/public_api/v2`.
pub const DEFAULT_BASE_URL: &str = "https://pages.fm/api";

/// Which of Pancake's APIs an endpoint belongs to; it decides the URL prefix and the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Api {
    /// `{base}/v1`, authenticated with the user's `access_token`.
    User,
    /// `{base}/public_api/v1/pages/{page_id}`, authenticated with `page_access_token`.
    PageV1,
    /// `{base}/public_api/v2/pages/{page_id}`, authenticated with `page_access_token`.
    PageV2,
    /// `{base}/v1`, no token (the chat plugin).
    Public,
}

/// The base URL and credentials requests are built with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// The base URL, without a trailing slash (default [`DEFAULT_BASE_URL`]).
    pub base_url: String,
    /// The page the page-level endpoints act on.
    pub page_id: Option<String>,
    /// The page access token (`page_access_token`).
    pub page_access_token: Option<Secret>,
    /// The user access token (`access_token`).
    pub access_token: Option<Secret>,
}

impl Default for Context {
    fn default() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            page_id: None,
            page_access_token: None,
            access_token: None,
        }
    }
}

impl Context {
    /// A context for one page's APIs.
    pub fn page(page_id: impl Into<String>, page_access_token: impl Into<Secret>) -> Self {
        Self {
            page_id: Some(page_id.into()),
            page_access_token: Some(page_access_token.into()),
            ..Self::default()
        }
    }

    /// A context for the user-level APIs (list pages, generate page tokens, multi-page statistics).
    pub fn user(access_token: impl Into<Secret>) -> Self {
        Self {
            access_token: Some(access_token.into()),
            ..Self::default()
        }
    }

    /// The same context with another base URL (a trailing slash is dropped).
    #[must_use]
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into().trim_end_matches('/').to_owned();
        self
    }

    /// The page id, or an error naming `page_id`.
    pub fn require_page_id(&self) -> Result<&str> {
        match self.page_id.as_deref() {
            Some(id) if !id.trim().is_empty() => Ok(id),
            _ => Err(Error::invalid(
                "page_id",
                "is required for page-level endpoints",
            )),
        }
    }

    fn require_token(&self, api: Api) -> Result<Option<(&'static str, &Secret)>> {
        let (name, token) = match api {
            Api::Public => return Ok(None),
            Api::User => ("access_token", self.access_token.as_ref()),
            Api::PageV1 | Api::PageV2 => ("page_access_token", self.page_access_token.as_ref()),
        };
        match token {
            Some(t) if !t.is_blank() => Ok(Some((name, t))),
            _ => Err(Error::invalid(name, "is required for this endpoint")),
        }
    }

    /// Builds the full URL for `path` (which starts with `/`, its segments already encoded with
    /// [`encode_segment`]) under `api`, with `query` serialised and the token appended last.
    pub fn url(&self, api: Api, path: &str, query: &impl Serialize) -> Result<String> {
        let prefix = match api {
            Api::User | Api::Public => format!("{}/v1", self.base_url),
            Api::PageV1 => format!(
                "{}/public_api/v1/pages/{}",
                self.base_url,
                encode_segment(self.require_page_id()?)
            ),
            Api::PageV2 => format!(
                "{}/public_api/v2/pages/{}",
                self.base_url,
                encode_segment(self.require_page_id()?)
            ),
        };
        let mut query = serde_urlencoded::to_string(query)
            .map_err(|e| Error::invalid("query", e.to_string()))?;
        if let Some((name, token)) = self.require_token(api)? {
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(name);
            query.push('=');
            query.push_str(&encode_component(token.expose()));
        }
        Ok(if query.is_empty() {
            format!("{prefix}{path}")
        } else {
            format!("{prefix}{path}?{query}")
        })
    }

    /// A `GET` request (idempotent) for `path` under `api` with `query`.
    pub fn get(&self, api: Api, path: &str, query: &impl Serialize) -> Result<HttpRequest> {
        Ok(HttpRequest {
            method: Method::Get,
            url: self.url(api, path, query)?,
            headers: vec![("Accept".into(), "application/json".into())],
            body: Body::None,
            retry_safety: RetrySafety::Idempotent,
            rate_limit_key: self.rate_limit_key(api),
        })
    }

    /// A request with a JSON body.
    pub fn json(
        &self,
        method: Method,
        api: Api,
        path: &str,
        query: &impl Serialize,
        body: &impl Serialize,
        retry_safety: RetrySafety,
    ) -> Result<HttpRequest> {
        let bytes = serde_json::to_vec(body).map_err(|e| Error::invalid("body", e.to_string()))?;
        Ok(HttpRequest {
            method,
            url: self.url(api, path, query)?,
            headers: vec![
                ("Accept".into(), "application/json".into()),
                ("Content-Type".into(), "application/json".into()),
            ],
            body: Body::Json(bytes),
            retry_safety,
            rate_limit_key: self.rate_limit_key(api),
        })
    }

    /// A request with any body (multipart uploads).
    pub fn with_body(
        &self,
        method: Method,
        api: Api,
        path: &str,
        query: &impl Serialize,
        body: Body,
        retry_safety: RetrySafety,
    ) -> Result<HttpRequest> {
        Ok(HttpRequest {
            method,
            url: self.url(api, path, query)?,
            headers: vec![("Accept".into(), "application/json".into())],
            body,
            retry_safety,
            rate_limit_key: self.rate_limit_key(api),
        })
    }

    fn rate_limit_key(&self, api: Api) -> Option<String> {
        match api {
            Api::PageV1 | Api::PageV2 => self.page_id.clone(),
            Api::User | Api::Public => None,
        }
    }
}

/// Percent-encodes one path segment (ids may hold `_`, `:` or worse).
pub fn encode_segment(segment: &str) -> String {
    encode_component(segment)
}

/// Percent-encodes a string for a URL component (everything but unreserved characters).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A query with no parameters.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct NoQuery {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_carry_the_token_last() {
        let ctx = Context::page("123", "tok.en-1").with_base_url("http://127.0.0.1:9/api/");
        #[derive(Serialize)]
        struct Q {
            page_number: u32,
        }
        let url = ctx
            .url(Api::PageV1, "/tags", &Q { page_number: 2 })
            .unwrap();
        assert_eq!(
            url,
            "http://127.0.0.1:9/api/public_api/v1/pages/123/tags?page_number=2&page_access_token=tok.en-1"
        );
        let url = ctx.url(Api::PageV2, "/conversations", &NoQuery {}).unwrap();
        assert_eq!(
            url,
            "http://127.0.0.1:9/api/public_api/v2/pages/123/conversations?page_access_token=tok.en-1"
        );
    }

    #[test]
    fn missing_credentials_name_the_parameter() {
        let ctx = Context::user("u");
        let err = ctx.url(Api::PageV1, "/tags", &NoQuery {}).unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { ref field, .. } if field == "page_id"));
        let ctx = Context {
            page_id: Some("1".into()),
            ..Context::default()
        };
        let err = ctx.url(Api::PageV1, "/tags", &NoQuery {}).unwrap_err();
        assert!(
            matches!(err, Error::InvalidRequest { ref field, .. } if field == "page_access_token")
        );
        let err = Context::default()
            .url(Api::User, "/pages", &NoQuery {})
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { ref field, .. } if field == "access_token"));
    }

    #[test]
    fn segments_are_encoded() {
        assert_eq!(encode_segment("a/b c"), "a%2Fb%20c");
        assert_eq!(encode_segment("pzl_84912345678"), "pzl_84912345678");
    }
}
