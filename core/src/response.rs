//! Reading responses: status and `success:false` classification, then decoding.
//!
//! [`parse_json`] is the one function every endpoint uses. It never panics, whatever the bytes.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{whole_body, ApiError, ApiErrorKind, Error, Result};
use crate::http::HttpResponse;
use crate::redact::redact_text;

/// `error_code` values the API uses for a missing, invalid, expired or renewed token.
pub const AUTH_ERROR_CODES: &[i64] = &[100, 102, USER_TOKEN_EXPIRED, PAGE_TOKEN_EXPIRED];
/// `error_code` of an expired user `access_token` (seen from the live service under HTTP 200).
pub const USER_TOKEN_EXPIRED: i64 = 103;
/// `error_code` of an expired (renewed or deleted) `page_access_token`.
pub const PAGE_TOKEN_EXPIRED: i64 = 105;
/// `error_code` values the API uses for a page it will not serve (subscription expired).
pub const PERMISSION_ERROR_CODES: &[i64] = &[122];

/// The fields of an error envelope, read leniently (any of them may be missing or oddly typed).
#[derive(Debug, Default, Deserialize)]
struct Envelope {
    #[serde(default)]
    success: Option<serde_json::Value>,
    #[serde(default)]
    error_code: Option<serde_json::Value>,
    #[serde(default)]
    message: Option<serde_json::Value>,
    #[serde(default)]
    error: Option<serde_json::Value>,
    #[serde(default)]
    e_code: Option<serde_json::Value>,
    #[serde(default)]
    e_subcode: Option<serde_json::Value>,
}

/// An integer field given as a number or numeric text.
fn int_field(value: &Option<serde_json::Value>) -> Option<i64> {
    match value {
        Some(serde_json::Value::Number(n)) => n.as_i64(),
        Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
}

impl Envelope {
    fn failed(&self) -> bool {
        match &self.success {
            Some(serde_json::Value::Bool(b)) => !b,
            Some(serde_json::Value::String(s)) => s.eq_ignore_ascii_case("false"),
            _ => false,
        }
    }

    fn code(&self) -> Option<i64> {
        int_field(&self.error_code)
    }

    fn text(&self) -> Option<String> {
        let pick = |v: &Option<serde_json::Value>| match v {
            Some(serde_json::Value::String(s)) if !s.is_empty() => Some(s.clone()),
            // An empty text says nothing: fall back to the other field or the status text.
            Some(serde_json::Value::String(_) | serde_json::Value::Null) | None => None,
            Some(other) => Some(other.to_string()),
        };
        pick(&self.message).or_else(|| pick(&self.error))
    }
}

/// Reads the `Retry-After` header as a delay in milliseconds (delta-seconds, possibly
/// fractional). An HTTP-date cannot be read without a clock, so it gives `None`.
pub fn retry_after_ms(response: &HttpResponse) -> Option<u64> {
    let value = response.header("retry-after")?.trim();
    let secs: f64 = value.parse().ok()?;
    if secs.is_finite() && secs >= 0.0 {
        Some((secs * 1000.0).round().min(u64::MAX as f64) as u64)
    } else {
        None
    }
}

fn status_text(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "HTTP error",
    }
}

/// Classifies a response: `Ok(())` when it is a success to decode, or the error it carries
/// (an error status, or `success:false` under any status).
pub fn check(response: &HttpResponse) -> Result<()> {
    // One UTF-8 check of the whole body; the parse then need not check each string again.
    let text = std::str::from_utf8(&response.body).ok();
    classify(response, text.and_then(|t| serde_json::from_str(t).ok()))
}

/// [`check`] on a body already parsed as JSON (`None` when it is not JSON), so a caller that
/// needs the JSON anyway reads the body once.
pub fn check_parsed(response: &HttpResponse, body: Option<&serde_json::Value>) -> Result<()> {
    let envelope = body.filter(|v| v.is_object()).map(|v| {
        let field = |k: &str| v.get(k).cloned();
        Envelope {
            success: field("success"),
            error_code: field("error_code"),
            message: field("message"),
            error: field("error"),
            e_code: field("e_code"),
            e_subcode: field("e_subcode"),
        }
    });
    classify(response, envelope)
}

fn classify(response: &HttpResponse, envelope: Option<Envelope>) -> Result<()> {
    let status = response.status;
    let is_error_status = !(200..300).contains(&status);
    let failed = envelope.as_ref().is_some_and(Envelope::failed);
    if !is_error_status && !failed {
        return Ok(());
    }
    let envelope = envelope.unwrap_or_default();
    let code = envelope.code();
    let kind = if is_error_status {
        match status {
            401 => ApiErrorKind::Authentication,
            403 => ApiErrorKind::PermissionDenied,
            404 => ApiErrorKind::NotFound,
            429 => ApiErrorKind::RateLimited,
            500..=599 => ApiErrorKind::Server,
            _ => ApiErrorKind::BadRequest,
        }
    } else {
        ApiErrorKind::Other
    };
    let kind = match code {
        Some(c) if AUTH_ERROR_CODES.contains(&c) && kind == ApiErrorKind::Other => {
            ApiErrorKind::Authentication
        }
        Some(c) if PERMISSION_ERROR_CODES.contains(&c) && kind == ApiErrorKind::Other => {
            ApiErrorKind::PermissionDenied
        }
        _ => kind,
    };
    let server_text = envelope.text().map(|t| redact_text(&t));
    let message = match (expired_token(code), server_text) {
        (Some(what), Some(text)) => format!("{what} (the server said: {text})"),
        (Some(what), None) => what.to_owned(),
        (None, Some(text)) => text,
        (None, None) => status_text(status).to_owned(),
    };
    Err(Error::Api(ApiError {
        kind,
        status,
        code,
        e_code: int_field(&envelope.e_code),
        e_subcode: int_field(&envelope.e_subcode),
        message,
        retry_after_ms: retry_after_ms(response),
        body: whole_body(&response.body),
    }))
}

/// What an expired-token `error_code` means for the user, without the token.
fn expired_token(code: Option<i64>) -> Option<&'static str> {
    match code? {
        USER_TOKEN_EXPIRED => Some(
            "the user access token has expired: log in to Pancake again and use the new access_token",
        ),
        PAGE_TOKEN_EXPIRED => Some(
            "the page access token has expired (it was renewed or deleted): generate a new one \
             (pages.generate_page_access_token, with the user access token) and use it",
        ),
        _ => None,
    }
}

/// Checks the response, then decodes its body as `T`, naming the JSON path on failure.
pub fn parse_json<T: DeserializeOwned>(response: &HttpResponse) -> Result<T> {
    check(response)?;
    decode(response)
}

/// Decodes the body as `T` without classifying the status (for callers that already did).
pub fn decode<T: DeserializeOwned>(response: &HttpResponse) -> Result<T> {
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::decode("empty body", response.status, &response.body));
    }
    let de = &mut serde_json::Deserializer::from_slice(&response.body);
    match serde_path_to_error::deserialize(de) {
        Ok(v) => Ok(v),
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let message = if path == "." || path.is_empty() {
                inner.to_string()
            } else {
                format!("at `{path}`: {inner}")
            };
            Err(Error::decode(message, response.status, &response.body))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(resp: HttpResponse) -> ApiError {
        match check(&resp) {
            Err(Error::Api(e)) => e,
            other => panic!("expected an API error, got {other:?}"),
        }
    }

    #[test]
    fn success_false_under_200_is_an_error() {
        let e = err(HttpResponse::new(
            200,
            r#"{"success":false,"error_code":102,"message":"Invalid access_token"}"#,
        ));
        assert_eq!(e.kind, ApiErrorKind::Authentication);
        assert_eq!(e.code, Some(102));
        assert_eq!(e.message, "Invalid access_token");
        let e = err(HttpResponse::new(
            200,
            r#"{"success":false,"error":"page_number is required"}"#,
        ));
        assert_eq!(e.kind, ApiErrorKind::Other);
        assert_eq!(e.message, "page_number is required");
        let e = err(HttpResponse::new(
            200,
            r#"{"success":false,"error_code":"122"}"#,
        ));
        assert_eq!(e.kind, ApiErrorKind::PermissionDenied);
    }

    #[test]
    fn statuses_classify() {
        let e = err(HttpResponse::new(429, "").with_header("Retry-After", "2"));
        assert_eq!(
            (e.kind, e.retry_after_ms),
            (ApiErrorKind::RateLimited, Some(2000))
        );
        assert_eq!(
            err(HttpResponse::new(401, "{}")).kind,
            ApiErrorKind::Authentication
        );
        assert_eq!(
            err(HttpResponse::new(403, "{}")).kind,
            ApiErrorKind::PermissionDenied
        );
        assert_eq!(err(HttpResponse::new(404, "")).kind, ApiErrorKind::NotFound);
        assert_eq!(
            err(HttpResponse::new(400, "{\"success\":false}")).kind,
            ApiErrorKind::BadRequest
        );
        let e = err(HttpResponse::new(
            502,
            "<html><body>Bad gateway</body></html>",
        ));
        assert_eq!(
            (e.kind, e.message.as_str()),
            (ApiErrorKind::Server, "Bad Gateway")
        );
    }

    #[test]
    fn decode_errors_name_the_path() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct T {
            items: Vec<u32>,
        }
        let e = parse_json::<T>(&HttpResponse::new(200, r#"{"items":[1,"x"]}"#)).unwrap_err();
        assert!(e.to_string().contains("items[1]"), "{e}");
        let e = parse_json::<T>(&HttpResponse::new(200, "<html>proxy</html>")).unwrap_err();
        assert_eq!(e.kind(), "decode");
        let e = parse_json::<T>(&HttpResponse::new(200, "")).unwrap_err();
        assert_eq!(e.kind(), "decode");
        let e = parse_json::<T>(&HttpResponse::new(200, r#"{"items":[1,"#)).unwrap_err();
        assert_eq!(e.kind(), "decode");
    }
}
