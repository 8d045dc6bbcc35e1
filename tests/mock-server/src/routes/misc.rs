//! Export, call logs, tags, posts, users, round robin, uploads and the chat plugin.

use axum::body::Bytes;
use axum::extract::{Multipart, Path, RawQuery, State};
use serde_json::{json, Value};

use super::{bad, json_body, missing, ok, paging, slice, window, Params, Reply, St};
use crate::data::{naive_iso, now_iso, now_millis};
use crate::state::lock;

/// `GET .../export_data?since&until&action=conversations_from_ads[&offset]`: 60 per call.
pub async fn export_data(
    State(st): State<St>,
    Path(page_id): Path<String>,
    RawQuery(q): RawQuery,
) -> Reply {
    let p = Params::parse(q.as_deref());
    let (since, until) = window(&p)?;
    if p.req("action")? != "conversations_from_ads" {
        return Err(bad("action must be conversations_from_ads"));
    }
    let offset = p.int("offset")?.unwrap_or(0);
    if offset < 0 {
        return Err(bad("offset must not be negative"));
    }
    let store = lock(&st.store);
    let page = store.page(&page_id).ok_or_else(|| missing("page"))?;
    let data: Vec<Value> = page
        .conversations
        .iter()
        .enumerate()
        // Every third conversation came from an ad.
        .filter(|(i, c)| i % 3 == 0 && c.ts >= since && c.ts <= until)
        .skip(offset as usize)
        .take(60)
        .map(|(i, c)| {
            json!({
                "id": c.v["id"].clone(),
                "from": c.v["from"].clone(),
                "inserted_at": c.v["inserted_at"].clone(),
                "updated_at": c.v["updated_at"].clone(),
                "customers": c.v["customers"].clone(),
                "recent_phone_numbers": c.v["recent_phone_numbers"].clone(),
                "recent_seen_users": [],
                "thread_key": c.v["thread_key"].clone(),
                "psid": c.v["from"]["id"].clone(),
                "ad_clicks": [{"ad_id": format!("{}", 23850000000000000i64 + (i % 3) as i64), "inserted_at": c.v["inserted_at"].clone()}],
                "is_banned": false,
                "assignees": c.v["current_assign_users"].clone(),
            })
        })
        .collect();
    Ok(ok(json!({"success": true, "data": data})))
}

/// `GET .../sip_call_logs?id&page_number&page_size[&since&until]`: `page_size` ≤ 30.
pub async fn call_logs(
    State(st): State<St>,
    Path(page_id): Path<String>,
    RawQuery(q): RawQuery,
) -> Reply {
    let p = Params::parse(q.as_deref());
    p.req("id")?;
    let (number, size) = paging(&p, true, None, 30)?;
    let since = p.int("since")?;
    let until = p.int("until")?;
    let store = lock(&st.store);
    let page = store.page(&page_id).ok_or_else(|| missing("page"))?;
    let all: Vec<Value> = page
        .call_logs
        .iter()
        .filter(|c| since.is_none_or(|s| c.ts >= s) && until.is_none_or(|u| c.ts <= u))
        .map(|c| c.v.clone())
        .collect();
    Ok(ok(
        json!({"success": true, "data": slice(&all, number, size)}),
    ))
}

/// `GET .../tags`.
pub async fn tags(State(st): State<St>, Path(page_id): Path<String>) -> Reply {
    let store = lock(&st.store);
    let page = store.page(&page_id).ok_or_else(|| missing("page"))?;
    Ok(ok(json!({"success": true, "tags": page.tags})))
}

/// `GET .../posts?since&until&page_number&page_size[&type]`.
pub async fn posts(
    State(st): State<St>,
    Path(page_id): Path<String>,
    RawQuery(q): RawQuery,
) -> Reply {
    let p = Params::parse(q.as_deref());
    let (since, until) = window(&p)?;
    let (number, size) = paging(&p, true, None, 100)?;
    let kind = p.get("type");
    if let Some(k) = kind {
        if !["video", "photo", "text", "livestream"].contains(&k) {
            return Err(bad("type must be video, photo, text or livestream"));
        }
    }
    let store = lock(&st.store);
    let page = store.page(&page_id).ok_or_else(|| missing("page"))?;
    let all: Vec<Value> = page
        .posts
        .iter()
        .filter(|x| x.ts >= since && x.ts <= until)
        .filter(|x| kind.is_none_or(|k| x.v["type"] == k))
        .map(|x| x.v.clone())
        .collect();
    Ok(ok(
        json!({"success": true, "total": all.len(), "posts": slice(&all, number, size)}),
    ))
}

/// `GET .../users`.
pub async fn users(State(st): State<St>, Path(page_id): Path<String>) -> Reply {
    let store = lock(&st.store);
    let page = store.page(&page_id).ok_or_else(|| missing("page"))?;
    Ok(ok(json!({
        "success": true,
        "users": page.users,
        "round_robin_users": page.round_robin,
    })))
}

/// `POST .../round_robin_users` `{inbox: [...], comment: [...]}`.
pub async fn round_robin(State(st): State<St>, Path(page_id): Path<String>, body: Bytes) -> Reply {
    let b = json_body(&body)?;
    let mut store = lock(&st.store);
    let page = store.page_mut(&page_id).ok_or_else(|| missing("page"))?;
    if !b.contains_key("inbox") && !b.contains_key("comment") {
        return Err(bad("inbox or comment is required"));
    }
    for key in ["inbox", "comment"] {
        let Some(v) = b.get(key) else { continue };
        let ids = v
            .as_array()
            .filter(|a| a.iter().all(Value::is_string))
            .ok_or_else(|| bad(format!("{key} must be a list of user ids")))?;
        for id in ids {
            if !page.users.iter().any(|u| u["id"] == *id) {
                return Err(bad(format!("{key}: {id} is not a user of this page")));
            }
        }
        page.round_robin[key] = v.clone();
    }
    Ok(ok(
        json!({"success": true, "message": "Cài đặt đã được cập nhật thành công"}),
    ))
}

/// `POST .../upload_contents` (multipart, field `file`): returns a content id for `content_ids`.
pub async fn upload(
    State(st): State<St>,
    Path(page_id): Path<String>,
    mut form: Multipart,
) -> Reply {
    let mut file = None;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| bad(format!("invalid multipart body: {e}")))?
    {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("file").to_owned();
            let mime = field
                .content_type()
                .unwrap_or("application/octet-stream")
                .to_owned();
            let data = field
                .bytes()
                .await
                .map_err(|e| bad(format!("invalid multipart body: {e}")))?;
            file = Some((name, mime, data.len()));
        }
    }
    let (name, mime, size) = file.ok_or_else(|| bad("file is required"))?;
    if size == 0 {
        return Err(bad("file is empty"));
    }
    let kind = if mime.starts_with("image/") {
        "PHOTO"
    } else if mime.starts_with("video/") {
        "VIDEO"
    } else if mime.starts_with("audio/") {
        "AUDIO"
    } else {
        "FILE"
    };
    let mut store = lock(&st.store);
    let n = store.fresh();
    let page = store.page_mut(&page_id).ok_or_else(|| missing("page"))?;
    let id = format!("mockcontent{n:08}{}", page_id.len());
    page.contents.insert(
        id.clone(),
        json!({"id": id, "type": kind.to_lowercase(), "name": name, "mime_type": mime, "size": size,
               "url": format!("https://content.pancake.vn/mock/{id}")}),
    );
    Ok(ok(
        json!({"success": true, "id": id, "attachment_type": kind}),
    ))
}

/// `POST /api/v1/pke_chat_plugin/messages?page_id=...`.
pub async fn chat_send(State(st): State<St>, RawQuery(q): RawQuery, body: Bytes) -> Reply {
    let p = Params::parse(q.as_deref());
    let page_id = p.req("page_id")?.to_owned();
    let b = json_body(&body)?;
    let from_id = match b.get("from_id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => return Err(bad("from_id is required")),
    };
    let dummy_id = b
        .get("dummy_id")
        .filter(|v| v.is_number())
        .cloned()
        .ok_or_else(|| bad("dummy_id is required"))?;
    let inserted_ms = b
        .get("inserted_at")
        .and_then(Value::as_i64)
        .ok_or_else(|| bad("inserted_at is required"))?;
    let message = b
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let attachments = b.get("attachments").cloned().unwrap_or(json!([]));
    if message.is_empty() && attachments.as_array().is_none_or(Vec::is_empty) {
        return Err(bad("message or attachments is required"));
    }
    let conv_id = match b.get("conversation_id").and_then(Value::as_str) {
        Some(c) if !c.is_empty() => c.to_owned(),
        _ => format!("{page_id}_{from_id}"),
    };
    let mut store = lock(&st.store);
    let n = store.fresh();
    let id = format!("{page_id}_mock{n}");
    let name = b.get("name").cloned().unwrap_or(json!(from_id));
    store.chat_plugin.entry(conv_id.clone()).or_default().push(json!({
        "id": id,
        "message": format!("<div>{message}</div>"),
        "original_message": message,
        "type": "INBOX",
        "seen": false,
        "show_info": true,
        "from": {"id": from_id, "name": name},
        "admin_id": Value::Null,
        "admin_name": Value::Null,
        "inserted_at": naive_iso(inserted_ms.div_euclid(1000), (inserted_ms.rem_euclid(1000) * 1000) as u32, 2),
        "page_id": page_id,
        "conversation_id": conv_id,
        "attachments": attachments,
        "received_at": now_iso(),
        "received_ms": now_millis(),
    }));
    Ok(ok(json!({
        "success": true, "id": id, "conversation_id": conv_id, "from_id": from_id, "dummy_id": dummy_id,
    })))
}

/// `GET /api/v1/pke_chat_plugin/messages?conversation_id&page_id[&offset]`.
pub async fn chat_list(State(st): State<St>, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref());
    let conv = p.req("conversation_id")?.to_owned();
    p.req("page_id")?;
    let offset = p.int("offset")?.unwrap_or(0);
    if offset < 0 {
        return Err(bad("offset must not be negative"));
    }
    let store = lock(&st.store);
    let all = store.chat_plugin.get(&conv).cloned().unwrap_or_default();
    let items: Vec<Value> = all.into_iter().skip(offset as usize).take(30).collect();
    Ok(ok(json!({"success": true, "messages": items})))
}
