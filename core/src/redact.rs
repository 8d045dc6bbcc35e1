//! Secrets and redaction.
//!
//! Pancake tokens travel as query parameters (`access_token`, `page_access_token`), so they end
//! up in URLs. [`Secret`] holds a token and never prints it; [`redact_text`] masks the whole value
//! of any token parameter in a URL, a query string, a JSON body or a message.

use std::fmt;

/// The mask that replaces a secret value in anything printed.
pub const MASK: &str = "[REDACTED]";

/// The parameter names whose values are secrets.
pub const SECRET_PARAMS: &[&str] = &["page_access_token", "access_token"];

/// A token that never appears in `Debug` or `Display` output.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a token.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The token itself, for building a request. Never print it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the token is empty (or only white space).
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

/// Masks the values of every token parameter in `text`.
///
/// Handles query strings (`access_token=abc.def-ghi&x=1`), JSON (`"access_token": "abc"`) and
/// `key: value` text. The whole value is masked, dots and dashes included (tokens are JWT-like).
pub fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(name_len) = secret_param_at(text, i) {
            out.push_str(&text[i..i + name_len]);
            i += name_len;
            // Separator: `=`, or a closing quote then `:` with optional spaces and an opening quote.
            let sep_start = i;
            if i < bytes.len() && bytes[i] == b'"' {
                i += 1;
            }
            while i < bytes.len() && bytes[i] == b' ' {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'=' || bytes[i] == b':') {
                i += 1;
                while i < bytes.len() && bytes[i] == b' ' {
                    i += 1;
                }
                let quoted = i < bytes.len() && bytes[i] == b'"';
                if quoted {
                    i += 1;
                }
                out.push_str(&text[sep_start..i]);
                let value_start = i;
                while i < bytes.len() && !is_value_end(bytes[i], quoted) {
                    i += 1;
                }
                if i > value_start {
                    out.push_str(MASK);
                }
            } else {
                out.push_str(&text[sep_start..i]);
            }
            continue;
        }
        let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
        out.push(ch);
        i += ch.len_utf8().max(1);
    }
    out
}

fn is_value_end(b: u8, quoted: bool) -> bool {
    if quoted {
        b == b'"'
    } else {
        matches!(
            b,
            b'&' | b'#' | b' ' | b'"' | b'\'' | b',' | b'}' | b'\n' | b'\r' | b'\t' | b';'
        )
    }
}

/// If a secret parameter name starts at byte `i` (and is not the tail of a longer word),
/// returns its length.
fn secret_param_at(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if i > 0 {
        let prev = bytes[i - 1];
        if prev.is_ascii_alphanumeric() || prev == b'_' {
            return None;
        }
    }
    SECRET_PARAMS
        .iter()
        .find(|name| text.as_bytes()[i..].starts_with(name.as_bytes()))
        .map(|name| name.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_prints() {
        let s = Secret::new("eyJhbGciOi.abc-def_ghi");
        assert_eq!(format!("{s:?}"), MASK);
        assert_eq!(format!("{s}"), MASK);
        assert_eq!(s.expose(), "eyJhbGciOi.abc-def_ghi");
    }

    #[test]
    fn redacts_query_strings() {
        let url =
            "https://pages.fm/api/public_api/v1/pages/1/tags?x=1&page_access_token=eyJ.a-b_c.d&y=2";
        let r = redact_text(url);
        assert_eq!(
            r,
            "https://pages.fm/api/public_api/v1/pages/1/tags?x=1&page_access_token=[REDACTED]&y=2"
        );
        assert_eq!(
            redact_text("/v1/pages?access_token=abc.def"),
            "/v1/pages?access_token=[REDACTED]"
        );
    }

    #[test]
    fn redacts_json_and_messages() {
        assert_eq!(
            redact_text(r#"{"access_token": "abc.def-1", "ok": true}"#),
            r#"{"access_token": "[REDACTED]", "ok": true}"#
        );
        assert_eq!(
            redact_text("bad page_access_token: abc.def"),
            "bad page_access_token: [REDACTED]"
        );
    }

    #[test]
    fn leaves_other_words_alone() {
        assert_eq!(redact_text("my_access_token=1"), "my_access_token=1");
        assert_eq!(redact_text("Invalid access_token"), "Invalid access_token");
        assert_eq!(redact_text("ồ access_token="), "ồ access_token=");
    }
}
