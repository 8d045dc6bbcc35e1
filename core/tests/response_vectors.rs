//! Runs the shared response vectors (`tests/vectors/responses.json`): how a raw response is
//! classified by `pancake_core::response::check` (or, for decode cases, by one operation's
//! parse). Python and JavaScript run the same file.
//!
//! A case is `{name, status, headers?, body | body_base64, operation?, params?, expect}`; `expect`
//! is `{"ok": true}` or the error: `kind` always, and when present `status`, `code` and
//! `retry_after_ms` (`null` = must be absent), `message` (exact), `message_contains`,
//! `body_contains`, and `must_not_contain` (strings that may appear nowhere in the error: not in
//! its message, its body snippet, its `Display` or its `Debug`).

use std::path::PathBuf;

use pancake_core::{operations, response, Error, HttpResponse};
use serde_json::Value;

fn load(file: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(file);
    serde_json::from_slice(&std::fs::read(&path).expect("vector file exists"))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Standard base64 (with or without padding), enough for the vectors' raw bodies.
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {:?}", c as char),
        }
    };
    let digits: Vec<u32> = text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
        .map(value)
        .collect();
    let mut out = Vec::new();
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, d)| acc | d << (18 - 6 * i));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    out
}

fn response_of(case: &Value) -> HttpResponse {
    let body = match (case.get("body"), case.get("body_base64")) {
        (Some(Value::String(s)), None) => s.clone().into_bytes(),
        (None, Some(Value::String(b))) => base64(b),
        _ => panic!(
            "{}: needs exactly one of body (a string) or body_base64",
            case["name"]
        ),
    };
    let status = case["status"].as_u64().expect("status") as u16;
    let mut r = HttpResponse::new(status, body);
    for (name, value) in case["headers"].as_object().into_iter().flatten() {
        r = r.with_header(name, value.as_str().expect("header value"));
    }
    r
}

/// The error's message and body snippet.
fn message_and_body(e: &Error) -> (String, String) {
    match e {
        Error::Api(api) => (api.message.clone(), api.body.clone()),
        Error::Decode {
            message,
            body_snippet,
            ..
        } => (message.clone(), body_snippet.clone()),
        other => (other.to_string(), String::new()),
    }
}

/// `null` means "absent"; a missing key means "not checked".
fn optional_number(expect: &Value, key: &str) -> Option<Option<i64>> {
    expect.get(key).map(Value::as_i64)
}

fn check_case(case: &Value) -> Result<(), String> {
    let response = response_of(case);
    let got = match case.get("operation").and_then(Value::as_str) {
        Some(op) => operations::parse(op, &case["params"], &response).map(drop),
        None => response::check(&response),
    };
    let expect = &case["expect"];
    if expect["ok"].as_bool() == Some(true) {
        return got.map_err(|e| format!("expected success, got {e:?}"));
    }
    let e = match got {
        Ok(()) => return Err(format!("expected an error, got success ({expect})")),
        Err(e) => e,
    };
    let want_kind = expect["kind"].as_str().ok_or("expect.kind missing")?;
    if e.kind() != want_kind {
        return Err(format!("kind {}, want {want_kind}: {e:?}", e.kind()));
    }
    if let Some(status) = expect.get("status").and_then(Value::as_u64) {
        if e.status() != Some(status as u16) {
            return Err(format!("status {:?}, want {status}", e.status()));
        }
    }
    if let Some(code) = optional_number(expect, "code") {
        if e.code() != code {
            return Err(format!("code {:?}, want {code:?}", e.code()));
        }
    }
    if let Some(ms) = optional_number(expect, "retry_after_ms") {
        let got = e.as_api().and_then(|a| a.retry_after_ms);
        if got.map(|g| g as i64) != ms {
            return Err(format!("retry_after_ms {got:?}, want {ms:?}"));
        }
    }
    let (message, body) = message_and_body(&e);
    if let Some(want) = expect.get("message").and_then(Value::as_str) {
        if message != want {
            return Err(format!("message {message:?}, want {want:?}"));
        }
    }
    if let Some(want) = expect.get("message_contains").and_then(Value::as_str) {
        // As the bindings' exceptions show it: the message with status and codes.
        let message = e.to_string();
        if !message.contains(want) {
            return Err(format!("message {message:?} lacks {want:?}"));
        }
    }
    if let Some(want) = expect.get("body_contains").and_then(Value::as_str) {
        if !body.contains(want) {
            return Err(format!("body snippet {body:?} lacks {want:?}"));
        }
    }
    let everything = format!("{message}\n{body}\n{e}\n{e:?}");
    for secret in expect["must_not_contain"].as_array().into_iter().flatten() {
        let secret = secret.as_str().expect("must_not_contain holds strings");
        if everything.contains(secret) {
            return Err(format!("{secret:?} leaked: {everything}"));
        }
    }
    Ok(())
}

#[test]
fn response_vectors() {
    let doc = load("responses.json");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 30, "too few cases: {}", cases.len());
    let mut names = std::collections::HashSet::new();
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        assert!(names.insert(name), "duplicate case name {name}");
        if let Err(why) = check_case(case) {
            failures.push(format!("{name}: {why}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn base64_decodes() {
    assert_eq!(base64("aGVsbG8="), b"hello");
    assert_eq!(base64("aGk"), b"hi");
    assert_eq!(base64("/w=="), [0xff]);
}
