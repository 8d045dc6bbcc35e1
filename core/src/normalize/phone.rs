//! Phone numbers into E.164, from libphonenumber's metadata.
//!
//! Pancake returns numbers in many shapes (`0328290781`, `84328290781`, `62818166016`,
//! `+62 81 816 6016`) and inside names (`Babywearit (+62 81 816 6016)`), and does not normalise
//! numbers sent to it. [`normalize_phone`] turns one number into E.164 (`+84328290781`);
//! [`extract_phones`] finds the numbers in free text.
//!
//! Every rule about a country comes from libphonenumber's metadata (today through the
//! `phonenumber` crate, hidden behind these two functions so it can be replaced by compact
//! tables later): there is no hand-written per-country rule here.
//!
//! ## Where we differ from Google's libphonenumber
//!
//! A number written without `+` may be a national number of the default region or an
//! international number whose `+` was left out: WhatsApp conversations carry
//! `"phone_number": "62818166016"` for the customer named `Babywearit (+62 81 816 6016)`.
//! We read it both ways and keep the reading libphonenumber calls valid. When both are valid we
//! prefer the international reading if its country code is the default region's own (the
//! number starts with the region's country code, as `84328290781` and `62818166016` do), and the
//! national reading otherwise. So `62818166016` with region `ID` gives `+62818166016` (the
//! number the API means), where Google's `parse("62818166016", "ID")` keeps the digits as a
//! national number and answers `+6262818166016`. In every other vector we agree with Google.
//!
//! ```
//! use pancake_core::normalize::phone::{extract_phones, normalize_phone};
//!
//! assert_eq!(normalize_phone("0328290781", "VN").unwrap(), "+84328290781");
//! assert_eq!(normalize_phone("+62 81 816 6016", "VN").unwrap(), "+62818166016");
//! assert_eq!(extract_phones("Babywearit (+62 81 816 6016)", "VN"), ["+62818166016"]);
//! assert!(normalize_phone("12345", "VN").is_err());
//! ```

use std::str::FromStr;

use phonenumber::{country, metadata::DATABASE, Mode, PhoneNumber};

use crate::error::{Error, Result};

/// The region assumed for numbers written without a country code: Vietnam.
pub const DEFAULT_REGION: &str = "VN";

/// The fewest digits a candidate in text must have to be tried as a number.
const MIN_DIGITS: usize = 7;
/// The most digits a number may have: 15 for E.164, plus room for an international prefix.
const MAX_DIGITS: usize = 17;
/// The most characters of one number we hand to the parser.
const MAX_INPUT: usize = 64;

/// Normalise one phone number to E.164 (`+84328290781`).
///
/// `default_region` is an ISO 3166 two-letter region (`VN`, `ID`, `TH`, `PH`, `MY`, `SG`, ...;
/// case is ignored) used for numbers written without a country code. Spaces, dots, dashes,
/// slashes and parentheses are ignored; `+` or an international dialling prefix (`00`, `001`,
/// ...) marks a country code; a number without either is also tried as an international
/// number whose `+` was left out (see the module documentation). An extension is dropped.
///
/// A number that libphonenumber's metadata does not hold as valid, an empty or oversized input,
/// and an unknown region are `Error::InvalidRequest` naming `phone` (or `region`).
pub fn normalize_phone(raw: &str, default_region: &str) -> Result<String> {
    let region = region_id(default_region)?;
    let text = raw.trim();
    if text.is_empty() {
        return Err(Error::invalid("phone", "the number is empty"));
    }
    if text.chars().count() > MAX_INPUT {
        return Err(Error::invalid(
            "phone",
            format!("{:?}: longer than {MAX_INPUT} characters", preview(text)),
        ));
    }
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Err(Error::invalid(
            "phone",
            format!("{:?}: holds no digits", preview(text)),
        ));
    }
    match best_reading(text, region) {
        Ok(number) => Ok(e164(&number)),
        Err(why) => Err(Error::invalid(
            "phone",
            format!("{:?}: {why}", preview(text)),
        )),
    }
}

/// Find the phone numbers written in `text` and return them in E.164, in order of first
/// appearance, without duplicates.
///
/// Candidates are runs of digits, spaces, `+`, `-`, `.` and parentheses holding 7 to 17 digits,
/// not glued to a letter, a digit, `_`, `@` or `/` (so ids such as `wa_84328290781@c.us` are
/// not read as numbers). A run is first tried whole; if it is not one valid number, its
/// space-separated parts are tried from the left, longest first, so `0328290781 0328290798`
/// gives both numbers. Each candidate goes through [`normalize_phone`]; those that are not
/// valid numbers are skipped. An unknown region yields no numbers.
pub fn extract_phones(text: &str, default_region: &str) -> Vec<String> {
    let Ok(region) = region_id(default_region) else {
        return Vec::new();
    };
    let mut found: Vec<String> = Vec::new();
    let mut push = |n: String| {
        if !found.contains(&n) {
            found.push(n);
        }
    };
    for (start, end) in candidate_runs(text) {
        let run = &text[start..end];
        if let Some(n) = try_candidate(run, region) {
            push(n);
            continue;
        }
        // Split the run into groups at spaces and try the longest valid spans from the left.
        let groups = groups(run);
        let mut i = 0;
        while i < groups.len() {
            let mut matched = None;
            for j in (i + 1..=groups.len()).rev() {
                let span = &run[groups[i].0..groups[j - 1].1];
                if let Some(n) = try_candidate(span, region) {
                    matched = Some((j, n));
                    break;
                }
            }
            match matched {
                Some((j, n)) => {
                    push(n);
                    i = j;
                }
                None => i += 1,
            }
        }
    }
    found
}

fn try_candidate(span: &str, region: country::Id) -> Option<String> {
    let digits = span.bytes().filter(u8::is_ascii_digit).count();
    if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits) || span.len() > MAX_INPUT {
        return None;
    }
    best_reading(span.trim(), region).ok().map(|n| e164(&n))
}

/// The maximal runs of phone-like characters, trimmed to start at `+`, `(` or a digit and end
/// at a digit, kept only when not glued to a word or an id.
fn candidate_runs(text: &str) -> Vec<(usize, usize)> {
    let is_part = |c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | '(' | ')' | ' ');
    let glued = |c: Option<char>| {
        c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '@' | '/' | '\\' | '#' | '='))
    };
    let mut runs = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_part(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if !is_part(c) {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        let run = &text[start..end];
        let Some(lead) = run.find(|c: char| c.is_ascii_digit() || c == '+' || c == '(') else {
            continue;
        };
        let Some(last) = run.rfind(|c: char| c.is_ascii_digit()) else {
            continue;
        };
        if last < lead {
            continue;
        }
        let (s, e) = (start + lead, start + last + 1);
        if glued(text[..s].chars().next_back()) || glued(text[e..].chars().next()) {
            continue;
        }
        runs.push((s, e));
    }
    runs
}

/// Byte ranges of the space-separated groups of a run.
fn groups(run: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in run.char_indices() {
        match (c == ' ', start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, run.len()));
    }
    out
}

fn region_id(region: &str) -> Result<country::Id> {
    let code = region.trim().to_ascii_uppercase();
    country::Id::from_str(&code)
        .ok()
        .filter(|id| DATABASE.by_id(id.as_ref()).is_some())
        .ok_or_else(|| {
            Error::invalid(
                "region",
                format!(
                    "{:?} is not a region libphonenumber knows (expected an ISO 3166 code such \
                     as VN)",
                    preview(region)
                ),
            )
        })
}

/// The valid reading of `text`: as a national number of `region` (or an international one when
/// it has `+` or a dialling prefix), and, without `+`, as an international number whose `+` was
/// left out. Rules in the module documentation.
fn best_reading(text: &str, region: country::Id) -> std::result::Result<PhoneNumber, String> {
    let national = phonenumber::parse(Some(region), text);
    let international = if text.starts_with('+') {
        None
    } else {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        (!digits.starts_with('0'))
            .then(|| phonenumber::parse(None, format!("+{digits}")).ok())
            .flatten()
            .filter(PhoneNumber::is_valid)
    };
    let national_valid = national.as_ref().ok().filter(|n| n.is_valid());
    let region_code = DATABASE.by_id(region.as_ref()).map(|m| m.country_code());
    match (national_valid, international) {
        (Some(n), Some(i)) => {
            if Some(i.code().value()) == region_code {
                Ok(i)
            } else {
                Ok(n.clone())
            }
        }
        (Some(n), None) => Ok(n.clone()),
        (None, Some(i)) => Ok(i),
        (None, None) => Err(match national {
            Err(e) => format!("not a phone number ({e})"),
            Ok(n) => format!(
                "not a valid number for region {} (read as {}) in libphonenumber's metadata",
                region.as_ref(),
                e164(&n)
            ),
        }),
    }
}

fn e164(number: &PhoneNumber) -> String {
    number.format().mode(Mode::E164).to_string()
}

/// At most 40 characters of the input, for error messages.
fn preview(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn runs_skip_ids_and_trim_punctuation() {
        let text = "wa_84328290781@c.us Babywearit (+62 81 816 6016).";
        let runs: Vec<&str> = candidate_runs(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(runs, ["(+62 81 816 6016"]);
    }

    #[test]
    fn groups_split_on_spaces() {
        let run = "0328290781  0328290798";
        let g: Vec<&str> = groups(run).into_iter().map(|(s, e)| &run[s..e]).collect();
        assert_eq!(g, ["0328290781", "0328290798"]);
    }

    #[test]
    fn unknown_region_is_an_error() {
        let e = normalize_phone("0328290781", "XX").unwrap_err();
        assert!(matches!(e, Error::InvalidRequest { ref field, .. } if field == "region"));
        assert!(extract_phones("0328290781", "nowhere").is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn never_panics(s in "[0-9+() .\\-a-z]{0,40}") {
            let _ = normalize_phone(&s, "VN");
            let _ = extract_phones(&s, "ID");
        }
    }
}
