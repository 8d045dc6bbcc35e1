//! `/__mock/...`: the control endpoints (faults, journal, reset). Not journaled, no token.
//!
//! Every handler that takes a body reads it, even when it ignores it: hyper closes a
//! keep-alive connection whose request body was left unread, which a pooled client then
//! sees as a dropped connection on its next request.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::{bad, ok, Fail, St};
use crate::faults::Fault;
use crate::state::lock;

/// The control routes.
pub fn router() -> Router<St> {
    Router::new()
        .route(
            "/__mock/faults",
            get(list_faults).post(add_faults).delete(clear_faults),
        )
        .route("/__mock/requests", get(journal).delete(clear_journal))
        .route("/__mock/reset", post(reset))
        .route(
            "/__mock/health",
            get(|| async { ok(json!({"success": true})) }),
        )
}

async fn list_faults(State(st): State<St>) -> Response {
    ok(json!({"faults": *lock(&st.faults)}))
}

/// Body: one rule object, a list of them, `{"spec": "route=spec"}` or `{"faults": [...]}`.
async fn add_faults(State(st): State<St>, body: Bytes) -> Result<Response, Fail> {
    let value: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return Err(bad(format!("invalid JSON body: {e}"))),
    };
    let items = match value {
        Value::Array(a) => a,
        Value::Object(mut m) if m.contains_key("faults") => match m.remove("faults") {
            Some(Value::Array(a)) => a,
            _ => return Err(bad("faults must be a list")),
        },
        other => vec![other],
    };
    let mut rules = Vec::new();
    for item in items {
        let rule = match item.get("spec").and_then(Value::as_str) {
            Some(spec) => Fault::parse(spec),
            None => serde_json::from_value::<Fault>(item)
                .map_err(|e| format!("fault: {e}"))
                .and_then(|f| f.validate().map(|()| f)),
        };
        match rule {
            Ok(r) => rules.push(r),
            Err(e) => return Err(bad(e)),
        }
    }
    let mut faults = lock(&st.faults);
    faults.extend(rules);
    Ok(ok(json!({"success": true, "faults": *faults})))
}

async fn clear_faults(State(st): State<St>, _body: Bytes) -> Response {
    lock(&st.faults).clear();
    ok(json!({"success": true}))
}

async fn journal(State(st): State<St>) -> Response {
    ok(json!({"requests": *lock(&st.journal)}))
}

async fn clear_journal(State(st): State<St>, _body: Bytes) -> Response {
    lock(&st.journal).clear();
    ok(json!({"success": true}))
}

async fn reset(State(st): State<St>, _body: Bytes) -> Response {
    st.reset();
    ok(json!({"success": true}))
}
