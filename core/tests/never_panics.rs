//! The response path never panics, whatever the bytes: every registered operation's parser and
//! the status classifier are fed arbitrary statuses, headers and bodies (random bytes, and
//! mutations of plausible JSON envelopes).

use pancake_core::{operations, response, HttpResponse};
use proptest::prelude::*;
use serde_json::Value;

fn plausible_json() -> impl Strategy<Value = Vec<u8>> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z0-9_ .:-]{0,12}".prop_map(Value::String),
    ];
    let keys = prop_oneof![
        Just("success".to_owned()),
        Just("error_code".to_owned()),
        Just("message".to_owned()),
        Just("error".to_owned()),
        Just("data".to_owned()),
        Just("customers".to_owned()),
        Just("conversations".to_owned()),
        Just("tags".to_owned()),
        Just("id".to_owned()),
        Just("total".to_owned()),
        "[a-z_]{1,8}",
    ];
    let value = leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    });
    (value, any::<u16>(), any::<bool>()).prop_map(|(v, cut, truncate)| {
        let mut bytes = serde_json::to_vec(&v).unwrap();
        if truncate && !bytes.is_empty() {
            let at = cut as usize % bytes.len();
            bytes.truncate(at);
        }
        bytes
    })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        plausible_json(),
        Just(b"<html><body><h1>502 Bad Gateway</h1></body></html>".to_vec()),
        Just(Vec::new()),
    ]
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        Just(200u16),
        Just(400),
        Just(401),
        Just(403),
        Just(404),
        Just(429),
        Just(500),
        Just(502),
        any::<u16>()
    ]
}

fn params() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(serde_json::json!({})),
        Just(serde_json::json!({"group_by": "page_id"})),
        plausible_json().prop_map(|b| serde_json::from_slice(&b).unwrap_or(Value::Null)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn parsers_never_panic(status in status(), body in body(), retry_after in "[0-9a-zA-Z .,-]{0,8}", params in params()) {
        let resp = HttpResponse::new(status, body).with_header("Retry-After", retry_after);
        let _ = response::check(&resp);
        let _ = response::retry_after_ms(&resp);
        for op in operations::all() {
            let _ = (op.parse)(&params, &resp);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn webhook_parser_never_panics(body in body(), kind in prop::sample::select(pancake_core::webhook::KINDS)) {
        let _ = pancake_core::webhook::parse_webhook(&body);
        // A plausible envelope of each kind around arbitrary data.
        let data: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let event = serde_json::json!({"event_type": kind, "page_id": "1", "data": data});
        let text = event.to_string();
        if let Ok(e) = pancake_core::webhook::parse_webhook(text.as_bytes()) {
            let _ = e.dedup_key();
            let _ = e.timestamp_utc();
            // Compared with the text parsed as plain JSON (serde_json may read a float 1 ulp
            // off its printed form, the same way on both sides).
            let sent: Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(e.to_value(), sent);
        }
    }
}
