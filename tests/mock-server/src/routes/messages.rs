//! Messages: list backwards with `current_count` (30 per call, newest last) and send
//! (`reply_inbox`, `reply_comment`, `private_replies`).

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use serde_json::{json, Value};

use super::conversations::find;
use super::{bad, json_body, missing, ok, Fail, Params, Reply, St};
use crate::data::now_iso;
use crate::state::lock;

/// Messages per call.
pub const PER_CALL: usize = 30;

/// `GET .../conversations/{conversation_id}/messages[?current_count=N]`.
pub async fn list(
    State(st): State<St>,
    Path((page_id, conv_id)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Reply {
    let p = Params::parse(q.as_deref());
    let count = p.int("current_count")?.unwrap_or(0);
    if count < 0 {
        return Err(bad("current_count must not be negative"));
    }
    let store = lock(&st.store);
    let page = store.page(&page_id).ok_or_else(|| missing("page"))?;
    let conv = &page.conversations[find(page, &conv_id)?];
    let n = conv.messages.len();
    let end = n.saturating_sub(count as usize);
    let start = end.saturating_sub(PER_CALL);
    let messages = &conv.messages[start..end];
    let psid = conv.v["from"]["id"].clone();
    Ok(ok(json!({
        "success": true,
        "conversation_id": conv_id,
        "messages": messages,
        "conv_from": conv.v["from"].clone(),
        "customers": [conv.v["page_customer"].clone()],
        "notes": conv.v["page_customer"]["notes"].clone(),
        "post": Value::Null,
        "read_watermarks": [{"psid": psid, "watermark": crate::data::BASE}],
        "can_inbox": true,
    })))
}

fn text(b: &serde_json::Map<String, Value>, name: &str) -> Result<Option<String>, Fail> {
    match b.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(bad(format!("{name} must be a string"))),
    }
}

fn required(b: &serde_json::Map<String, Value>, name: &str) -> Result<String, Fail> {
    text(b, name)?
        .filter(|s| !s.is_empty())
        .ok_or_else(|| bad(format!("{name} is required")))
}

/// `POST .../conversations/{conversation_id}/messages`.
pub async fn send(
    State(st): State<St>,
    Path((page_id, conv_id)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    let b = json_body(&body)?;
    let action = required(&b, "action")?;
    let message = text(&b, "message")?;
    let content_ids: Vec<String> = match b.get("content_ids") {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| bad("content_ids must be a list of strings"))
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(bad("content_ids must be a list of strings")),
    };
    match action.as_str() {
        "reply_inbox" => {
            if message.is_some() && !content_ids.is_empty() {
                // The live service answers this with a 500: mimic it.
                return Err((
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Json(json!({"success": false, "message": "Internal server error"})),
                )
                    .into_response()
                    .into());
            }
            if message.as_deref().unwrap_or("").is_empty() && content_ids.is_empty() {
                return Err(bad("message or content_ids is required"));
            }
        }
        "reply_comment" => {
            required(&b, "message_id")?;
            required(&b, "message")?;
        }
        "private_replies" => {
            for f in ["post_id", "message_id", "from_id", "message"] {
                required(&b, f)?;
            }
        }
        _ => {
            return Err(bad(
                "action must be reply_inbox, reply_comment or private_replies",
            ))
        }
    }
    let mut store = lock(&st.store);
    let mid = format!("m_mock_{}", store.fresh());
    let page = store.page_mut(&page_id).ok_or_else(|| missing("page"))?;
    let mut attachments = Vec::new();
    for id in &content_ids {
        let c = page
            .contents
            .get(id)
            .ok_or_else(|| bad(format!("content_ids: `{id}` was not uploaded to this page")))?;
        attachments.push(c.clone());
    }
    let i = find(page, &conv_id)?;
    let page_name = page.page["name"].clone();
    let conv = &mut page.conversations[i];
    let text = message.unwrap_or_default();
    let now = now_iso();
    let kind = if action == "reply_inbox" || action == "private_replies" {
        "INBOX"
    } else {
        "COMMENT"
    };
    conv.messages.push(json!({
        "id": mid,
        "conversation_id": conv_id,
        "page_id": page_id,
        "type": kind,
        "message": format!("<div>{text}</div>"),
        "original_message": text,
        "from": {"id": page_id, "name": page_name, "email": Value::Null},
        "inserted_at": now,
        "attachments": attachments,
        "seen": true,
        "is_hidden": false,
        "is_removed": false,
        "has_phone": false,
    }));
    conv.v["snippet"] = json!(if text.is_empty() {
        "[Photo]".to_owned()
    } else {
        text.clone()
    });
    conv.v["updated_at"] = json!(now.split('.').next().unwrap_or_default());
    conv.v["message_count"] = json!(conv.messages.len());
    conv.ts = crate::data::now_millis() / 1000;
    // Most recently updated first.
    let c = page.conversations.remove(i);
    page.conversations.insert(0, c);
    st.webhooks.message_added(&page_id, &page.conversations[0]);
    Ok(ok(json!({"success": true, "id": mid, "message": text})))
}
