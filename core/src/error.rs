//! The one error type of the SDK.
//!
//! Every binding maps [`Error`] to its own exception or `Error` classes through [`Error::kind`],
//! so Python and JavaScript raise the same errors for the same inputs. No message contains a
//! token: bodies and URLs are redacted before they are stored.

use std::fmt;

use crate::redact::redact_text;

/// A result with the SDK's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How long a body snippet kept in a decode error may be, in characters.
pub const SNIPPET_CHARS: usize = 512;

/// How much of an API error's body is kept, in characters: error envelopes are far shorter, so
/// they are kept whole; only a runaway page (an HTML proxy error, say) is cut.
pub const API_BODY_CHARS: usize = 65_536;

/// What kind of API error the server answered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 401, or `success:false` with an invalid or expired token's `error_code` (100, 102, 103,
    /// 105) under 200.
    Authentication,
    /// 403, or `success:false` with `error_code` 122 (page subscription expired).
    PermissionDenied,
    /// 404.
    NotFound,
    /// 429.
    RateLimited,
    /// 5xx.
    Server,
    /// 400 and other 4xx.
    BadRequest,
    /// `success:false` under a 2xx status, with no more specific code.
    Other,
}

impl ApiErrorKind {
    /// A stable machine-readable name.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiErrorKind::Authentication => "authentication",
            ApiErrorKind::PermissionDenied => "permission_denied",
            ApiErrorKind::NotFound => "not_found",
            ApiErrorKind::RateLimited => "rate_limited",
            ApiErrorKind::Server => "server",
            ApiErrorKind::BadRequest => "bad_request",
            ApiErrorKind::Other => "api",
        }
    }
}

/// An error answered by the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The class of error.
    pub kind: ApiErrorKind,
    /// The HTTP status (200 for `success:false` answers).
    pub status: u16,
    /// The API's `error_code`, when it sent one.
    pub code: Option<i64>,
    /// Facebook's error code, which send failures carry instead of `error_code`.
    pub e_code: Option<i64>,
    /// Facebook's error subcode (2018278: outside the 24-hour messaging window).
    pub e_subcode: Option<i64>,
    /// The API's `message` or `error` text (redacted), or the status text; for an expired
    /// token, what to do about it followed by the server's text.
    pub message: String,
    /// How long the server asked us to wait (`Retry-After`), in milliseconds.
    pub retry_after_ms: Option<u64>,
    /// The whole response body (every field, modelled or not), redacted; cut only past
    /// [`API_BODY_CHARS`].
    pub body: String,
}

/// Every error the SDK reports.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A parameter failed validation; nothing was sent.
    InvalidRequest {
        /// The parameter, as named in the API (`page_size`, `birthday`, ...).
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The server answered with an error.
    Api(ApiError),
    /// The response could not be read as the expected JSON.
    Decode {
        /// What went wrong, with the JSON path when known.
        message: String,
        /// The start of the body, redacted.
        body_snippet: String,
        /// The HTTP status of the response.
        status: u16,
    },
    /// The transport could not reach the server (filled in by bindings).
    Connection {
        /// What happened (redacted).
        message: String,
        /// Whether the request provably never left (connection refused, DNS failure): such a
        /// request may be retried even when it is a write.
        before_send: bool,
    },
    /// The request timed out (filled in by bindings).
    Timeout {
        /// What timed out (redacted).
        message: String,
    },
}

impl Error {
    /// A validation error for `field`.
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidRequest {
            field: field.into(),
            reason: redact_text(&reason.into()),
        }
    }

    /// A decode error, keeping a redacted snippet of `body`.
    pub fn decode(message: impl Into<String>, status: u16, body: &[u8]) -> Self {
        Error::Decode {
            message: redact_text(&message.into()),
            body_snippet: snippet(body),
            status,
        }
    }

    /// A connection error built by a transport (the message is redacted here).
    pub fn connection(message: impl Into<String>, before_send: bool) -> Self {
        Error::Connection {
            message: redact_text(&message.into()),
            before_send,
        }
    }

    /// A timeout built by a transport (the message is redacted here).
    pub fn timeout(message: impl Into<String>) -> Self {
        Error::Timeout {
            message: redact_text(&message.into()),
        }
    }

    /// A stable machine-readable name for the error's class: `invalid_request`,
    /// `authentication`, `permission_denied`, `not_found`, `rate_limited`, `server`,
    /// `bad_request`, `api`, `decode`, `connection` or `timeout`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidRequest { .. } => "invalid_request",
            Error::Api(e) => e.kind.as_str(),
            Error::Decode { .. } => "decode",
            Error::Connection { .. } => "connection",
            Error::Timeout { .. } => "timeout",
        }
    }

    /// The HTTP status, for errors that came with a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The API's `error_code`, when it sent one.
    pub fn code(&self) -> Option<i64> {
        match self {
            Error::Api(e) => e.code,
            _ => None,
        }
    }

    /// The API error, if this is one.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest { field, reason } => write!(f, "invalid `{field}`: {reason}"),
            Error::Api(e) => {
                write!(f, "{} (HTTP {}", e.message, e.status)?;
                if let Some(code) = e.code {
                    write!(f, ", error_code {code}")?;
                }
                if let Some(code) = e.e_code {
                    write!(f, ", e_code {code}")?;
                }
                if let Some(code) = e.e_subcode {
                    write!(f, ", e_subcode {code}")?;
                }
                if let Some(ms) = e.retry_after_ms {
                    write!(f, ", retry after {ms} ms")?;
                }
                f.write_str(")")
            }
            Error::Decode {
                message, status, ..
            } => write!(
                f,
                "could not decode the response (HTTP {status}): {message}"
            ),
            Error::Connection { message, .. } => write!(f, "connection failed: {message}"),
            Error::Timeout { message } => write!(f, "request timed out: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// The start of a body as text, redacted, cut to [`SNIPPET_CHARS`] characters.
pub fn snippet(body: &[u8]) -> String {
    cut(body, SNIPPET_CHARS)
}

/// An API error's body: redacted, whole up to [`API_BODY_CHARS`].
pub fn whole_body(body: &[u8]) -> String {
    cut(body, API_BODY_CHARS)
}

fn cut(body: &[u8], chars: usize) -> String {
    let text = String::from_utf8_lossy(body);
    let redacted = redact_text(&text);
    let mut out: String = redacted.chars().take(chars).collect();
    if redacted.chars().count() > chars {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_never_hold_tokens() {
        let e = Error::decode("bad", 502, b"<html>page_access_token=abc.def-ghi</html>");
        let text = format!("{e} {e:?}");
        assert!(!text.contains("abc.def-ghi"), "{text}");
        let e = Error::connection("GET /x?access_token=abc.def failed", false);
        assert!(!e.to_string().contains("abc.def"));
        assert_eq!(e.kind(), "connection");
    }

    #[test]
    fn invalid_names_the_field() {
        let e = Error::invalid("page_size", "must be at most 100, got 500");
        assert_eq!(
            e.to_string(),
            "invalid `page_size`: must be at most 100, got 500"
        );
        assert_eq!(e.kind(), "invalid_request");
    }
}
