//! Resume tokens: the paginator state as JSON, then base64url without padding.
//!
//! The token is opaque to callers but stable: the same state always gives the same token, and a
//! token written by one version of the SDK is read by the next (the JSON carries a version).

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, Result};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes bytes as base64url without padding.
fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes base64url (padding tolerated); `None` on any invalid character or length.
fn decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim().trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for c in text.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A single leftover character (6 bits) cannot come from whole bytes.
    (bits < 6).then_some(out)
}

/// Serialises `value` to a resume token.
pub(crate) fn write<T: Serialize>(value: &T) -> String {
    // Serialising plain state structs to JSON cannot fail.
    encode(&serde_json::to_vec(value).unwrap_or_default())
}

/// Reads a resume token written by [`write`]; the error names the `resume` parameter.
pub(crate) fn read<T: DeserializeOwned>(token: &str) -> Result<T> {
    let bytes = decode(token)
        .ok_or_else(|| Error::invalid("resume", "not a resume token (bad encoding)"))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::invalid("resume", "not a resume token (bad encoding)"))?;
    serde_json::from_str(&text)
        .map_err(|e| Error::invalid("resume", format!("not a resume token of this list: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 250) as u8).collect();
            let text = encode(&bytes);
            assert!(!text.contains(['+', '/', '=']));
            assert_eq!(decode(&text).unwrap(), bytes, "{len}");
        }
        assert_eq!(encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(encode(b"fo"), "Zm8");
        assert_eq!(decode("Zm8=").unwrap(), b"fo");
        assert!(decode("Z").is_none());
        assert!(decode("Zm9v!").is_none());
    }
}
