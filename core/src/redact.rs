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
            let sep_start = i;
            match separator_at(bytes, i) {
                Some((value_start, sep)) => {
                    out.push_str(&text[sep_start..value_start]);
                    i = value_start;
                    let quoted = sep == Sep::Quoted;
                    while i < bytes.len() && !is_value_end(bytes[i], sep) {
                        i += 1;
                    }
                    if sep == Sep::Space && !looks_like_token(&bytes[value_start..i]) {
                        // `access_token is missing`: a word, not a token.
                        out.push_str(&text[value_start..i]);
                    } else if i > value_start || quoted {
                        out.push_str(MASK);
                    }
                }
                None => out.push_str(&text[sep_start..i]),
            }
            continue;
        }
        let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
        out.push(ch);
        i += ch.len_utf8().max(1);
    }
    out
}

/// How a token's value is introduced.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// `=` or `:` (query strings, `key: value` text).
    Plain,
    /// `": "` (JSON).
    Quoted,
    /// `%3D` (a URL inside a URL).
    Encoded,
    /// A space (`page_access_token eyJ...`), only for token-like words.
    Space,
}

/// Finds the start of the value after a secret name at `i`, and how it was introduced.
fn separator_at(bytes: &[u8], mut i: usize) -> Option<(usize, Sep)> {
    let skip_spaces = |mut i: usize| {
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        i
    };
    if bytes[i..].len() >= 3 && bytes[i..i + 3].eq_ignore_ascii_case(b"%3d") {
        return Some((i + 3, Sep::Encoded));
    }
    let after_name = i;
    if i < bytes.len() && bytes[i] == b'\\' && bytes.get(i + 1) == Some(&b'"') {
        i += 1; // escaped JSON: `\"access_token\":\"...\"`
    }
    if i < bytes.len() && bytes[i] == b'"' {
        i += 1;
    }
    i = skip_spaces(i);
    if i < bytes.len() && (bytes[i] == b'=' || bytes[i] == b':') {
        i = skip_spaces(i + 1);
        if i < bytes.len() && bytes[i] == b'\\' && bytes.get(i + 1) == Some(&b'"') {
            return Some((i + 2, Sep::Plain));
        }
        if i < bytes.len() && bytes[i] == b'"' {
            return Some((i + 1, Sep::Quoted));
        }
        return Some((i, Sep::Plain));
    }
    let spaced = skip_spaces(after_name);
    (spaced > after_name && spaced < bytes.len()).then_some((spaced, Sep::Space))
}

/// A word long enough and made of token characters to be a token rather than prose.
fn looks_like_token(word: &[u8]) -> bool {
    word.len() >= 16
        && word
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'='))
}

fn is_value_end(b: u8, sep: Sep) -> bool {
    match sep {
        Sep::Quoted => b == b'"' || b == b'\\',
        _ => {
            matches!(
                b,
                b'&' | b'#'
                    | b' '
                    | b'"'
                    | b'\''
                    | b','
                    | b'}'
                    | b'\n'
                    | b'\r'
                    | b'\t'
                    | b';'
                    | b'\\'
                    | b'<'
                    | b'>'
            ) || (sep == Sep::Encoded && b == b'%')
        }
    }
}

/// If a secret parameter name starts at byte `i` (and is not the tail of a longer word),
/// returns its length.
fn secret_param_at(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if i > 0 {
        let prev = bytes[i - 1];
        let before = &text.as_bytes()[..i];
        // `\u0026access_token` (escaped JSON) and `%26access_token` (an encoded URL) start a
        // parameter even though a letter or digit precedes the name.
        let escaped = before.ends_with(b"\\u0026")
            || before.len() >= 3 && before[before.len() - 3..].eq_ignore_ascii_case(b"%26")
            || before.len() >= 3 && before[before.len() - 3..].eq_ignore_ascii_case(b"%3f");
        if (prev.is_ascii_alphanumeric() || prev == b'_') && !escaped {
            return None;
        }
    }
    SECRET_PARAMS
        .iter()
        .find(|name| {
            bytes[i..].len() >= name.len()
                && bytes[i..i + name.len()].eq_ignore_ascii_case(name.as_bytes())
        })
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
    fn redacts_the_less_common_shapes() {
        let token = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MX0.sig-_x";
        for text in [
            format!("page_access_token {token}"),
            format!("PAGE_ACCESS_TOKEN={token}"),
            format!("https://x/?u=https%3A%2F%2Fy%2F%3Fpage_access_token%3D{token}%26a%3D1"),
            format!(r#"{{"url":"/p?a=1\u0026page_access_token={token}\u0026b=2"}}"#),
            format!(r#"{{\"access_token\":\"{token}\"}}"#),
            format!("<a href=\"/x?access_token={token}\">"),
        ] {
            let r = redact_text(&text);
            assert!(!r.contains(token), "{text} -> {r}");
            assert!(r.contains(MASK), "{text} -> {r}");
        }
        assert_eq!(
            redact_text("access_token is required"),
            "access_token is required"
        );
    }

    #[test]
    fn leaves_other_words_alone() {
        assert_eq!(redact_text("my_access_token=1"), "my_access_token=1");
        assert_eq!(redact_text("Invalid access_token"), "Invalid access_token");
        assert_eq!(redact_text("ồ access_token="), "ồ access_token=");
    }
}
