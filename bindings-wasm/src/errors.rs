//! Core errors to JS `Error` objects. The `Error` subclasses live in the npm package's
//! `errors.ts` (so they carry docs and typed fields); this file only hands over the fields.

use js_sys::Reflect;
use pancake_core::Error;
use wasm_bindgen::prelude::*;

fn set(target: &JsValue, key: &str, value: JsValue) {
    // Setting a property on a fresh `Error` cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), &value);
}

fn opt_str(v: Option<&str>) -> JsValue {
    v.map_or(JsValue::NULL, JsValue::from_str)
}

/// A JS `Error` named `PancakeError` with the error's `kind`, `status`, `code` and the fields
/// of its variant (`field`/`reason`, `apiMessage`/`body`/`retryAfterMs`, `beforeSend`). The
/// message is core's redacted `Display`.
pub fn to_js(err: &Error) -> JsValue {
    let e = js_sys::Error::new(&err.to_string());
    e.set_name("PancakeError");
    let v: JsValue = e.into();
    set(&v, "kind", JsValue::from_str(err.kind()));
    set(
        &v,
        "status",
        err.status().map_or(JsValue::NULL, JsValue::from),
    );
    set(
        &v,
        "code",
        err.code()
            .map_or(JsValue::NULL, |c| JsValue::from(c as f64)),
    );
    match err {
        Error::InvalidRequest { field, reason } => {
            set(&v, "field", JsValue::from_str(field));
            set(&v, "reason", JsValue::from_str(reason));
        }
        Error::Api(api) => {
            set(&v, "apiMessage", JsValue::from_str(&api.message));
            set(&v, "body", JsValue::from_str(&api.body));
            set(
                &v,
                "retryAfterMs",
                api.retry_after_ms
                    .map_or(JsValue::NULL, |ms| JsValue::from(ms as f64)),
            );
        }
        Error::Decode { body_snippet, .. } => set(&v, "body", opt_str(Some(body_snippet))),
        Error::Connection { before_send, .. } => {
            set(&v, "beforeSend", JsValue::from_bool(*before_send))
        }
        _ => {}
    }
    v
}
