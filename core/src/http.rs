//! Plain-data HTTP requests and responses.
//!
//! Core builds [`HttpRequest`] values and reads [`HttpResponse`] values; a binding moves the bytes.
//! Neither type performs I/O. `Debug` on a request never shows a token.

use std::fmt;

use crate::redact::redact_text;

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as it goes on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a request may be sent again after it may have reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetrySafety {
    /// A read, or a write that gives the same result when repeated (tagging, marking read):
    /// retried on throttling, gateway errors, timeouts and connection failures.
    Idempotent,
    /// A write that creates something (a message, a note, an upload, a customer update): only
    /// retried when it provably did not reach the server (a 429, or a connection refused).
    NotIdempotent,
}

/// One part of a `multipart/form-data` body.
#[derive(Clone, PartialEq, Eq)]
pub struct Part {
    /// The form field name.
    pub name: String,
    /// The file name, for a file part.
    pub filename: Option<String>,
    /// The part's content type, for a file part.
    pub content_type: Option<String>,
    /// The part's bytes.
    pub data: Vec<u8>,
}

impl fmt::Debug for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Part")
            .field("name", &self.name)
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("len", &self.data.len())
            .finish()
    }
}

/// A request body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// No body.
    None,
    /// A JSON document (already serialised; `Content-Type: application/json` is in the headers).
    Json(Vec<u8>),
    /// A `multipart/form-data` body, as parts; [`Body::multipart_bytes`] encodes it.
    Multipart(Vec<Part>),
}

impl Body {
    /// Encodes a multipart body with the given boundary (the transport chooses the boundary;
    /// core has no randomness). Returns `None` for other bodies.
    pub fn multipart_bytes(&self, boundary: &str) -> Option<Vec<u8>> {
        let Body::Multipart(parts) = self else {
            return None;
        };
        let mut out = Vec::new();
        for part in parts {
            out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let mut disposition = format!(
                "Content-Disposition: form-data; name=\"{}\"",
                escape_quoted(&part.name)
            );
            if let Some(filename) = &part.filename {
                disposition.push_str(&format!("; filename=\"{}\"", escape_quoted(filename)));
            }
            out.extend_from_slice(disposition.as_bytes());
            out.extend_from_slice(b"\r\n");
            if let Some(ct) = &part.content_type {
                out.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
            }
            out.extend_from_slice(b"\r\n");
            out.extend_from_slice(&part.data);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Some(out)
    }
}

fn escape_quoted(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace(['\r', '\n'], " ")
}

/// A request to send: method, full URL (query included, token included), headers and body.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The full URL, query string included. It contains the token: print
    /// [`HttpRequest::redacted_url`] instead.
    pub url: String,
    /// Headers (name, value).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Body,
    /// Whether the request may be repeated after it may have reached the server.
    pub retry_safety: RetrySafety,
    /// The page the request counts against for rate limiting (`None` for user-level requests).
    pub rate_limit_key: Option<String>,
}

/// A request's headers and body as they go on the wire: see [`HttpRequest::encode`].
#[derive(Clone, PartialEq, Eq)]
pub struct Encoded {
    /// Every header to send, a multipart body's `Content-Type` (with its boundary) among them.
    pub headers: Vec<(String, String)>,
    /// The body's bytes; `None` when the request has no body.
    pub body: Option<Vec<u8>>,
}

impl HttpRequest {
    /// The headers and body bytes to send. A multipart body gets the boundary
    /// `pancake-<nonce in hex>` and its `Content-Type` header; `nonce` should be random (the
    /// transport draws it: core has no source of randomness), so no part can contain the
    /// boundary by chance.
    pub fn encode(&self, nonce: u64) -> Encoded {
        let mut headers = self.headers.clone();
        let body = match &self.body {
            Body::None => None,
            Body::Json(bytes) => Some(bytes.clone()),
            Body::Multipart(_) => {
                let boundary = format!("pancake-{nonce:016x}");
                headers.push((
                    "Content-Type".to_owned(),
                    format!("multipart/form-data; boundary={boundary}"),
                ));
                self.body.multipart_bytes(&boundary)
            }
        };
        Encoded { headers, body }
    }

    /// The URL with every token value masked: the only form of the URL fit to print or log.
    pub fn redacted_url(&self) -> String {
        redact_text(&self.url)
    }

    /// The JSON body as a string, if the body is JSON.
    pub fn json_body(&self) -> Option<&str> {
        match &self.body {
            Body::Json(bytes) => std::str::from_utf8(bytes).ok(),
            _ => None,
        }
    }

    /// The path and query of the URL (everything after the host), token included.
    pub fn path_and_query(&self) -> &str {
        let after_scheme = self.url.find("://").map(|i| i + 3).unwrap_or(0);
        match self.url[after_scheme..].find('/') {
            Some(i) => &self.url[after_scheme + i..],
            None => "/",
        }
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = match &self.body {
            Body::None => "none".to_owned(),
            Body::Json(bytes) => redact_text(&String::from_utf8_lossy(bytes)),
            Body::Multipart(parts) => format!("multipart ({} parts)", parts.len()),
        };
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.redacted_url())
            .field("headers", &self.headers)
            .field("body", &body)
            .field("retry_safety", &self.retry_safety)
            .finish()
    }
}

/// A response as the transport received it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// Headers (name, value); names are matched case-insensitively.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with the given status and body and no headers.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// Adds a header (builder style).
    #[must_use]
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The first value of a header, matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_encoding() {
        let body = Body::Multipart(vec![Part {
            name: "file".into(),
            filename: Some("a \"b\".png".into()),
            content_type: Some("image/png".into()),
            data: b"PNG".to_vec(),
        }]);
        let bytes = body.multipart_bytes("XyZ").unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".png\"\r\nContent-Type: image/png\r\n\r\nPNG\r\n--XyZ--\r\n"
        );
        assert!(Body::None.multipart_bytes("x").is_none());
    }

    #[test]
    fn encode_adds_the_multipart_content_type_with_its_boundary() {
        let request = |body| HttpRequest {
            method: Method::Post,
            url: "https://x/upload".into(),
            headers: vec![("Accept".into(), "application/json".into())],
            body,
            retry_safety: RetrySafety::NotIdempotent,
            rate_limit_key: None,
        };
        let part = Part {
            name: "file".into(),
            filename: Some("a.png".into()),
            content_type: Some("image/png".into()),
            data: b"PNG".to_vec(),
        };
        let encoded = request(Body::Multipart(vec![part])).encode(0xab);
        assert_eq!(
            encoded.headers[1],
            (
                "Content-Type".to_owned(),
                "multipart/form-data; boundary=pancake-00000000000000ab".to_owned()
            )
        );
        let text = String::from_utf8(encoded.body.unwrap()).unwrap();
        assert!(text.starts_with("--pancake-00000000000000ab\r\n"), "{text}");
        assert!(text.ends_with("--pancake-00000000000000ab--\r\n"), "{text}");

        let json = request(Body::Json(b"{}".to_vec())).encode(1);
        assert_eq!(json.headers.len(), 1);
        assert_eq!(json.body.as_deref(), Some(&b"{}"[..]));
        assert_eq!(request(Body::None).encode(1).body, None);
    }

    #[test]
    fn header_lookup_is_case_insensitive() {
        let r = HttpResponse::new(429, "").with_header("Retry-After", "3");
        assert_eq!(r.header("retry-after"), Some("3"));
        assert_eq!(r.header("x"), None);
    }
}
