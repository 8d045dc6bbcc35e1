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
        .route("/__mock/webhooks", get(webhook_log))
        .route("/__mock/webhooks/customer_message", post(customer_message))
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

async fn webhook_log(State(st): State<St>) -> Response {
    ok(json!({"enabled": st.webhooks.enabled(), "deliveries": st.webhooks.log()}))
}

/// Body (all optional): `{"page_id", "conversation_id", "message"}`. Adds a customer message
/// and emits its `messaging` event; answers `{"success", "conversation_id", "message_id",
/// "request_id"}`.
async fn customer_message(State(st): State<St>, body: Bytes) -> Result<Response, Fail> {
    let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        serde_json::from_slice(&body).map_err(|e| bad(format!("invalid JSON body: {e}")))?
    };
    let field = |name: &str| value.get(name).and_then(Value::as_str);
    match simulate_customer_message(
        &st,
        field("page_id"),
        field("conversation_id"),
        field("message"),
    ) {
        Some(out) => Ok(ok(out)),
        None => Err(bad("no such page or conversation")),
    }
}

/// Adds a message from the customer to a conversation (by default the first page's
/// conversations in turn) and emits its `messaging` event.
pub fn simulate_customer_message(
    st: &St,
    page_id: Option<&str>,
    conversation_id: Option<&str>,
    text: Option<&str>,
) -> Option<Value> {
    let mut store = lock(&st.store);
    let n = store.fresh();
    let page = match page_id {
        Some(id) => store.page_mut(id)?,
        None => store.pages.first_mut()?,
    };
    let i = match conversation_id {
        Some(id) => page.conversations.iter().position(|c| c.v["id"] == id)?,
        None if page.conversations.is_empty() => return None,
        None => (n as usize) % page.conversations.len(),
    };
    let default_text = format!("Shop ơi, mã {n} còn hàng không?");
    crate::webhooks::add_customer_message(
        &mut page.conversations[i],
        n,
        text.unwrap_or(&default_text),
    );
    let c = page.conversations.remove(i);
    page.conversations.insert(0, c);
    let page_id = page.id.clone();
    let conv = &page.conversations[0];
    let message_id = conv.messages.last().map(|m| m["id"].clone());
    let request_id = st.webhooks.message_added(&page_id, conv);
    Some(json!({
        "success": true,
        "page_id": page_id,
        "conversation_id": conv.v["id"].clone(),
        "message_id": message_id,
        "request_id": request_id,
    }))
}
