//! wasm-bindgen-test of the binding, in Node by default and in headless Chromium with
//! `WASM_BINDGEN_USE_BROWSER=1` (see the root Makefile's `test-js`). A live test against
//! `pancake-mock` runs when `PANCAKE_MOCK_URL` (the SDK base URL, `.../api`) is set at build
//! time.
#![cfg(target_arch = "wasm32")]
#![allow(missing_docs)]

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Map, Object, Promise, Reflect, Uint8Array};
use pancake_wasm::{build_request, normalize_phone, Client};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).unwrap()
}

#[wasm_bindgen_test]
fn builds_a_request_with_the_token_redacted() {
    let ctx = r#"{"page_id":"1234567890","page_access_token":"test-page-token"}"#;
    let out = build_request(ctx, "tags.list", "{}", true).unwrap();
    assert!(out.contains(
        "https://pages.fm/api/public_api/v1/pages/1234567890/tags?page_access_token=test-page-token"
    ));
    let redacted = build_request(ctx, "tags.list", "{}", false).unwrap();
    assert!(!redacted.contains("test-page-token"));
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_a_kind_and_the_parameter() {
    let err = match build_request("{}", "customers.list", r#"{"page_size": 500}"#, false) {
        Err(e) => e,
        Ok(_) => panic!("expected an error"),
    };
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "name").as_string().unwrap(), "PancakeError");
    assert_eq!(get(&err, "kind").as_string().unwrap(), "invalid_request");
    assert!(get(&err, "field").as_string().is_some());
    let bad = Client::new(
        "page",
        r#"{"pageId":"1","pageAccessToken":"t","timeoutMs": -1}"#,
        "{}",
        None,
    )
    .err()
    .unwrap();
    assert_eq!(get(&bad, "field").as_string().unwrap(), "timeoutMs");
}

#[wasm_bindgen_test]
fn normalises_phones() {
    assert_eq!(
        normalize_phone("0328290781", Some("VN".into())).unwrap(),
        "+84328290781"
    );
    // Without a region, core's default (Vietnam) reads the number.
    assert_eq!(normalize_phone("0328290781", None).unwrap(), "+84328290781");
}

/// A fetch double: answers 503 first, then 200 with a tag list; counts the calls.
fn fake_fetch(calls: Rc<Cell<u32>>) -> js_sys::Function {
    let f = Closure::<dyn FnMut(JsValue, JsValue) -> Promise>::new(
        move |_url: JsValue, _init: JsValue| {
            calls.set(calls.get() + 1);
            let (status, body) = if calls.get() == 1 {
                (503, r#"{"success":false,"message":"busy"}"#)
            } else {
                (
                    200,
                    r##"{"success":true,"tags":[{"id":1,"text":"VIP","color":"#fff"}]}"##,
                )
            };
            let resp = Object::new();
            Reflect::set(&resp, &"status".into(), &JsValue::from(status)).unwrap();
            let headers = Map::new();
            headers.set(&"content-type".into(), &"application/json".into());
            Reflect::set(&resp, &"headers".into(), &headers).unwrap();
            let bytes: JsValue = Uint8Array::from(body.as_bytes()).buffer().into();
            let array_buffer =
                Closure::<dyn FnMut() -> Promise>::new(move || Promise::resolve(&bytes));
            Reflect::set(&resp, &"arrayBuffer".into(), array_buffer.as_ref()).unwrap();
            array_buffer.forget();
            Promise::resolve(&JsValue::from(resp))
        },
    );
    let func: js_sys::Function = f.as_ref().clone().into();
    f.forget();
    func
}

#[wasm_bindgen_test]
async fn retries_a_503_through_a_custom_fetch() {
    let calls = Rc::new(Cell::new(0));
    let client = Client::new(
        "page",
        r#"{"baseUrl":"http://fake/api","pageId":"1","pageAccessToken":"t","requestsPerSecond":null}"#,
        "{}",
        Some(fake_fetch(calls.clone())),
    )
    .unwrap();
    let out = JsFuture::from(client.request("tags.list".into(), "{}".into(), JsValue::UNDEFINED))
        .await
        .unwrap();
    let text = out.as_string().unwrap();
    assert!(text.contains("\"VIP\""), "{text}");
    assert_eq!(calls.get(), 2);
}

#[wasm_bindgen_test]
async fn live_against_the_mock() {
    let Some(url) = option_env!("PANCAKE_MOCK_URL") else {
        console_log!("PANCAKE_MOCK_URL not set at build time: live test skipped");
        return;
    };
    let config = format!(r#"{{"baseUrl":{url:?},"accessToken":"mock-user-token"}}"#);
    let client = Client::new("user", &config, "{}", None).unwrap();
    let out = JsFuture::from(client.request("pages.list".into(), "{}".into(), JsValue::UNDEFINED))
        .await
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&out.as_string().unwrap()).unwrap();
    let pages = v["pages"].as_array().unwrap();
    assert!(pages.len() >= 2);
    let bad = Client::new(
        "user",
        &format!(r#"{{"baseUrl":{url:?},"accessToken":"nope.secret-xyz"}}"#),
        "{}",
        None,
    )
    .unwrap();
    let err = JsFuture::from(bad.request("pages.list".into(), "{}".into(), JsValue::UNDEFINED))
        .await
        .err()
        .unwrap();
    assert_eq!(get(&err, "kind").as_string().unwrap(), "authentication");
    let msg = get(&err, "message").as_string().unwrap();
    assert!(!msg.contains("nope.secret-xyz"));
}
