//! Runs the shared webhook vectors (`tests/vectors/webhooks.json`): every example of
//! `webhook.yaml` and the edge cases must parse to the expected kind and serialise back to
//! exactly the body received. Python runs the same file.

use std::path::PathBuf;

use pancake_core::normalize::parse_timestamp;
use pancake_core::webhook::{parse_webhook, WebhookEvent, KINDS};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/webhooks.json");
    let doc: Value = serde_json::from_slice(&std::fs::read(&path).expect("vector file exists"))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    doc["cases"].as_array().expect("cases array").clone()
}

fn body_of(case: &Value) -> Vec<u8> {
    match (
        case.get("body"),
        case.get("body_text").and_then(Value::as_str),
    ) {
        (Some(body), None) => serde_json::to_vec(body).unwrap(),
        (None, Some(text)) => text.as_bytes().to_vec(),
        _ => panic!("{}: exactly one of body / body_text", case["name"]),
    }
}

fn check(case: &Value) -> Result<(), String> {
    let name = case["name"].as_str().unwrap_or("?");
    let result = parse_webhook(&body_of(case));
    if let Some(kind) = case.get("expect_error").and_then(Value::as_str) {
        let err = match result {
            Ok(e) => return Err(format!("{name}: expected a {kind} error, got {e:?}")),
            Err(e) => e,
        };
        if err.kind() != kind {
            return Err(format!("{name}: expected a {kind} error, got {err}"));
        }
        if let Some(text) = case.get("expect_error_contains").and_then(Value::as_str) {
            if !err.to_string().contains(text) {
                return Err(format!("{name}: error `{err}` does not mention `{text}`"));
            }
        }
        return Ok(());
    }
    let event = result.map_err(|e| format!("{name}: {e}"))?;
    let kind = case["expect_kind"].as_str().ok_or("no expect_kind")?;
    if !KINDS.contains(&kind) {
        return Err(format!("{name}: `{kind}` is not a kind"));
    }
    if event.kind() != kind {
        return Err(format!("{name}: kind {} not {kind}", event.kind()));
    }
    if kind != "other" && matches!(event, WebhookEvent::Other(_)) {
        return Err(format!("{name}: parsed as raw JSON"));
    }
    let back = event.to_value();
    if &back != case.get("body").unwrap() {
        return Err(format!(
            "{name}: round trip differs\n  sent {}\n  back {back}",
            case["body"]
        ));
    }
    // The typed model re-parses from its own output to the same value.
    let again = parse_webhook(back.to_string().as_bytes()).map_err(|e| format!("{name}: {e}"))?;
    if again != event {
        return Err(format!("{name}: re-parsing the output gives another event"));
    }
    if let Some(fields) = case.get("expect_fields").and_then(Value::as_object) {
        for (pointer, want) in fields {
            let got = back.pointer(pointer);
            if got != Some(want) {
                return Err(format!("{name}: {pointer} is {got:?}, expected {want}"));
            }
        }
    }
    if let Some(times) = case.get("expect_timestamps").and_then(Value::as_object) {
        for (pointer, want) in times {
            let raw = back
                .pointer(pointer)
                .ok_or_else(|| format!("{name}: no {pointer}"))?;
            let got = parse_timestamp(raw)
                .map_err(|e| format!("{name}: {pointer}: {e}"))?
                .to_rfc3339();
            if Some(got.as_str()) != want.as_str() {
                return Err(format!("{name}: {pointer} reads as {got}, expected {want}"));
            }
        }
    }
    if let Some(want) = case.get("expect_dedup_key").and_then(Value::as_str) {
        if event.dedup_key() != want {
            return Err(format!("{name}: dedup key {}", event.dedup_key()));
        }
    }
    Ok(())
}

#[test]
fn every_webhook_vector() {
    let cases = cases();
    let failures: Vec<String> = cases.iter().filter_map(|c| check(c).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every documented kind has at least one example.
    for kind in KINDS {
        assert!(
            cases
                .iter()
                .any(|c| c.get("expect_kind").and_then(Value::as_str) == Some(kind)),
            "no vector of kind {kind}"
        );
    }
}

#[test]
fn typed_helpers_on_the_documented_examples() {
    let cases = cases();
    let body = |kind: &str| {
        let case = cases
            .iter()
            .find(|c| {
                c["name"].as_str().unwrap().starts_with("webhook.yaml") && c["expect_kind"] == kind
            })
            .unwrap();
        parse_webhook(&body_of(case)).unwrap()
    };
    let WebhookEvent::Messaging(m) = body("messaging") else {
        panic!("messaging")
    };
    let data = m.data.get().unwrap();
    let message = data.message.get().unwrap();
    assert_eq!(
        message.inserted_at_timestamp().unwrap().to_rfc3339(),
        "2024-12-25T11:06:07Z"
    );
    assert_eq!(
        message
            .from
            .get()
            .unwrap()
            .page_customer_id
            .get()
            .map(String::as_str),
        Some("ddc7b38d-e23a-4bf6-8151-5bfc46105839")
    );
    let post = data.post.get().unwrap();
    assert_eq!(
        post.inserted_at_timestamp().unwrap().to_rfc3339(),
        "2023-09-29T16:00:37Z"
    );
    let WebhookEvent::Subscription(s) = body("subscription") else {
        panic!("subscription")
    };
    let sub = s.data.get().unwrap().subscription.get().unwrap();
    assert_eq!(
        sub.expired_at_timestamp().unwrap().to_rfc3339(),
        "2025-05-25T03:08:48Z"
    );
    assert!(s.page_id.is_absent());
    let WebhookEvent::Conversation(c) = body("conversation") else {
        panic!("conversation")
    };
    let conv = c.data.get().unwrap().conversation.get().unwrap();
    assert_eq!(conv.version_number(), Some(306));
    assert_eq!(conv.tag_ids().len(), 3);
    let WebhookEvent::ConnectStatus(cs) = body("connect_status") else {
        panic!("connect_status")
    };
    assert_eq!(cs.data.get().unwrap().is_connected(), Some(false));
    assert_eq!(
        cs.timestamp_utc().unwrap().to_rfc3339(),
        "2026-07-17T02:25:57Z"
    );
}
