//! Uploads: `POST /public_api/v1/pages/{page_id}/upload_contents` (multipart, field `file`).
//!
//! Through the operation registry the bytes come as `data_base64` (standard or URL-safe
//! alphabet, padding optional); Rust callers pass bytes to [`UploadContent::new`].

use serde::{Deserialize, Deserializer};

use crate::context::{Api, Context, NoQuery};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::http::{Body, HttpRequest, Method, Part, RetrySafety};
use crate::models::content::UploadedContent;
use crate::operation::{op, Operation};

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[op::<UploadContent>("contents.upload")];

/// The largest upload we send: 100 MB, Lazada's video limit and the largest any platform
/// takes (Shopee 30 MB, WhatsApp Official 16 MB, others 15 MB per openapi.yaml or 25 MB per
/// 003: smaller files may still be refused by the server for the page's platform).
pub const MAX_UPLOAD_BYTES: usize = 100 * 1024 * 1024;

/// The file name an upload gets when none is given (bytes without a name).
pub const DEFAULT_UPLOAD_FILENAME: &str = "upload.bin";

fn default_filename() -> String {
    DEFAULT_UPLOAD_FILENAME.to_owned()
}

/// Uploads one file; the response's `id` goes into a message's `content_ids`. Not idempotent:
/// each upload creates new content.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct UploadContent {
    /// The file name sent with the part (`photo.png`; default `upload.bin`, for bytes that
    /// came without one).
    #[serde(default = "default_filename")]
    pub filename: String,
    /// The MIME type; guessed from the file name's extension when not given.
    #[serde(default)]
    pub content_type: Option<String>,
    /// The file's bytes (`data_base64` in the registry).
    #[serde(rename = "data_base64", deserialize_with = "from_base64")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "String", extend("contentEncoding" = "base64"))
    )]
    pub data: Vec<u8>,
}

impl std::fmt::Debug for UploadContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UploadContent")
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("len", &self.data.len())
            .finish()
    }
}

impl UploadContent {
    /// An upload of `data` named `filename`.
    pub fn new(filename: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
        Self {
            filename: filename.into(),
            content_type: None,
            data: data.into(),
        }
    }

    /// Sets the MIME type (`image/png`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The MIME type that will be sent: the given one, or a guess from the extension.
    pub fn effective_content_type(&self) -> String {
        match &self.content_type {
            Some(ct) => ct.trim().to_owned(),
            None => guess_content_type(&self.filename).to_owned(),
        }
    }
}

/// A MIME type for common extensions, `application/octet-stream` otherwise.
pub fn guess_content_type(filename: &str) -> &'static str {
    let ext = filename
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "mp4" => "video/mp4",
        "mov" => "video/quicktime",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "ogg" => "audio/ogg",
        "wav" => "audio/wav",
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

fn from_base64<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<u8>, D::Error> {
    let text = String::deserialize(d)?;
    decode_base64(&text).map_err(serde::de::Error::custom)
}

/// Decodes base64 (standard `+/` or URL-safe `-_` alphabet, `=` padding optional, ASCII
/// whitespace ignored).
pub fn decode_base64(text: &str) -> std::result::Result<Vec<u8>, String> {
    fn value(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    }
    let bytes: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let body = match bytes.iter().position(|&b| b == b'=') {
        Some(i) => {
            let pad = &bytes[i..];
            if pad.len() > 2 || pad.iter().any(|&b| b != b'=') || bytes.len() % 4 != 0 {
                return Err("not base64: misplaced `=` padding".into());
            }
            &bytes[..i]
        }
        None => &bytes[..],
    };
    if body.len() % 4 == 1 {
        return Err("not base64: truncated".into());
    }
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    for chunk in body.chunks(4) {
        let mut acc = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            let v = value(c)
                .ok_or_else(|| format!("not base64: unexpected character {:?}", char::from(c)))?;
            acc |= v << (18 - 6 * i);
        }
        let n = chunk.len() - 1;
        out.extend_from_slice(&acc.to_be_bytes()[1..1 + n]);
    }
    Ok(out)
}

impl Endpoint for UploadContent {
    type Output = UploadedContent;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        if self.filename.trim().is_empty() {
            return Err(Error::invalid("filename", "is required"));
        }
        if self.filename.chars().any(char::is_control) {
            return Err(Error::invalid("filename", "holds control characters"));
        }
        let content_type = self.effective_content_type();
        let valid_type = content_type
            .split_once('/')
            .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
            && !content_type.chars().any(|c| c.is_control() || c == ' ');
        if !valid_type {
            return Err(Error::invalid(
                "content_type",
                format!("{content_type:?} is not a MIME type (`type/subtype`)"),
            ));
        }
        if self.data.is_empty() {
            return Err(Error::invalid("file", "is empty"));
        }
        if self.data.len() > MAX_UPLOAD_BYTES {
            return Err(Error::invalid(
                "file",
                format!(
                    "is {} bytes; the largest upload any platform takes is {MAX_UPLOAD_BYTES}",
                    self.data.len()
                ),
            ));
        }
        let part = Part {
            name: "file".into(),
            filename: Some(self.filename.clone()),
            content_type: Some(content_type),
            data: self.data.clone(),
        };
        ctx.with_body(
            Method::Post,
            Api::PageV1,
            "/upload_contents",
            &NoQuery {},
            Body::Multipart(vec![part]),
            RetrySafety::NotIdempotent,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes() {
        assert_eq!(decode_base64("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(decode_base64("aGVsbG8").unwrap(), b"hello");
        assert_eq!(decode_base64("aGVs\nbG8h").unwrap(), b"hello!");
        assert_eq!(decode_base64("-_8=").unwrap(), [0xfb, 0xff]);
        assert_eq!(decode_base64("+/8=").unwrap(), [0xfb, 0xff]);
        assert_eq!(decode_base64("").unwrap(), b"");
        assert!(decode_base64("a").is_err());
        assert!(decode_base64("aGVs*G8=").is_err());
        assert!(decode_base64("aG=sbG8=").is_err());
    }

    #[test]
    fn builds_a_multipart_request() {
        let req = UploadContent::new("a.PNG", b"PNG".to_vec())
            .to_request(&Context::page("1", "t"))
            .unwrap();
        assert_eq!(req.retry_safety, RetrySafety::NotIdempotent);
        let Body::Multipart(parts) = &req.body else {
            panic!("not multipart");
        };
        assert_eq!(parts[0].content_type.as_deref(), Some("image/png"));
        assert_eq!(parts[0].data, b"PNG");
        let err = UploadContent::new("a.png", Vec::new())
            .to_request(&Context::page("1", "t"))
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { ref field, .. } if field == "file"));
        assert!(!format!("{:?}", UploadContent::new("x", vec![1; 9])).contains("[1"));
    }
}
