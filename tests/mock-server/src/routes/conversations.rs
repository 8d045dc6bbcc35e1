//! Conversations: v2 list (cursor), v1 list (one-month window, page numbers), tags, assign,
//! read/unread.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use serde_json::{json, Value};

use super::{bad, json_body, missing, ok, paging, slice, window, Fail, Params, Reply, St};
use crate::data::{now_iso, now_millis, Conversation, PageData};
use crate::state::lock;

/// v1's longest `since`..`until` span: one month (31 days, the longest month).
pub const V1_MAX_SPAN: i64 = 31 * 86_400;
/// Conversations per answer.
pub const PER_PAGE: usize = 60;

fn filtered<'a>(page: &'a PageData, p: &Params) -> Result<Vec<&'a Conversation>, Fail> {
    let types: Vec<String> = p.all("type").iter().map(|t| t.to_uppercase()).collect();
    let tags: Vec<i64> = p
        .all("tags")
        .iter()
        .map(|t| t.parse::<i64>().map_err(|_| bad("tags must be tag ids")))
        .collect::<Result<_, _>>()?;
    let posts = p.all("post_ids");
    let since = p.int("since")?;
    let until = p.int("until")?;
    let by_inserted = match p.get("order_by") {
        None | Some("updated_at") => false,
        Some("inserted_at") => true,
        Some(_) => return Err(bad("order_by must be inserted_at or updated_at")),
    };
    let unread_first = matches!(p.get("unread_first"), Some("true" | "1"));
    let mut list: Vec<&Conversation> = page
        .conversations
        .iter()
        .filter(|c| types.is_empty() || types.iter().any(|t| c.v["type"] == t.as_str()))
        .filter(|c| {
            tags.is_empty()
                || c.v["tags"].as_array().is_some_and(|a| {
                    a.iter()
                        .any(|t| tags.contains(&t["id"].as_i64().unwrap_or(i64::MIN)))
                })
        })
        .filter(|c| posts.is_empty() || posts.iter().any(|pid| c.v["post_id"] == pid.as_str()))
        .filter(|c| since.is_none_or(|s| c.ts >= s) && until.is_none_or(|u| c.ts <= u))
        .collect();
    // Stored newest-updated first; naive ISO text sorts like the instant it names.
    if by_inserted {
        list.sort_by(|a, b| {
            b.v["inserted_at"]
                .as_str()
                .cmp(&a.v["inserted_at"].as_str())
        });
    }
    if unread_first {
        list.sort_by_key(|c| c.v["seen"] == true);
    }
    Ok(list)
}

/// `GET /api/public_api/v2/pages/{page_id}/conversations`: 60 at a time, newest first, then
/// older ones after `last_conversation_id`.
pub async fn list_v2(
    State(st): State<St>,
    Path(page_id): Path<String>,
    RawQuery(q): RawQuery,
) -> Reply {
    let p = Params::parse(q.as_deref());
    let store = lock(&st.store);
    let page = store.page(&page_id).ok_or_else(|| missing("page"))?;
    let all = filtered(page, &p)?;
    let start = match p.get("last_conversation_id").filter(|s| !s.is_empty()) {
        None => 0,
        Some(last) => match all.iter().position(|c| c.v["id"] == last) {
            Some(i) => i + 1,
            None => return Err(bad("last_conversation_id does not name a conversation")),
        },
    };
    let items: Vec<Value> = all
        .iter()
        .skip(start)
        .take(PER_PAGE)
        .map(|c| c.v.clone())
        .collect();
    Ok(ok(json!({"success": true, "conversations": items})))
}

/// `GET /api/public_api/v1/pages/{page_id}/conversations`: `since`/`until` required, at most
/// one month apart; `page_number` pages of 60.
pub async fn list_v1(
    State(st): State<St>,
    Path(page_id): Path<String>,
    RawQuery(q): RawQuery,
) -> Reply {
    let p = Params::parse(q.as_deref());
    let (since, until) = window(&p)?;
    if until - since > V1_MAX_SPAN {
        return Err(bad(
            "the time range between since and until must not exceed one month",
        ));
    }
    let (number, _) = paging(&p, false, Some(PER_PAGE as i64), PER_PAGE as i64)?;
    let store = lock(&st.store);
    let page = store.page(&page_id).ok_or_else(|| missing("page"))?;
    let all: Vec<Value> = filtered(page, &p)?.iter().map(|c| c.v.clone()).collect();
    let items = slice(&all, number, PER_PAGE);
    Ok(ok(
        json!({"success": true, "conversations": items, "total": all.len()}),
    ))
}

/// Finds a conversation's index.
pub fn find(page: &PageData, id: &str) -> Result<usize, Fail> {
    page.conversations
        .iter()
        .position(|c| c.v["id"] == id)
        .ok_or_else(|| missing("conversation"))
}

/// `POST .../conversations/{conversation_id}/tags` `{action: add|remove, tag_id}`.
pub async fn tag(
    State(st): State<St>,
    Path((page_id, conv_id)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    let b = json_body(&body)?;
    let action = match b.get("action").and_then(Value::as_str) {
        Some(a @ ("add" | "remove")) => a.to_owned(),
        Some(_) => return Err(bad("action must be add or remove")),
        None => return Err(bad("action is required")),
    };
    let tag_id = match b.get("tag_id") {
        Some(Value::String(s)) => s
            .trim()
            .parse::<i64>()
            .map_err(|_| bad("tag_id must be a tag id"))?,
        Some(Value::Number(n)) => n.as_i64().ok_or_else(|| bad("tag_id must be a tag id"))?,
        _ => return Err(bad("tag_id is required")),
    };
    let mut store = lock(&st.store);
    let page = store.page_mut(&page_id).ok_or_else(|| missing("page"))?;
    let tag = page
        .tags
        .iter()
        .find(|t| t["id"] == tag_id)
        .cloned()
        .ok_or_else(|| bad("tag_id does not name a tag of this page"))?;
    let i = find(page, &conv_id)?;
    let conv = &mut page.conversations[i].v;
    let tags = conv["tags"].as_array_mut().expect("tags list");
    let had = tags.iter().any(|t| t["id"] == tag_id);
    if action == "add" && !had {
        tags.push(tag.clone());
    } else if action == "remove" {
        tags.retain(|t| t["id"] != tag_id);
    }
    let ids: Vec<Value> = tags.iter().map(|t| t["id"].clone()).collect();
    if let Some(h) = conv["tag_histories"].as_array_mut() {
        h.push(json!({
            "inserted_at": now_iso(),
            "conversation_id": conv_id,
            "payload": {"action": action, "tag": {"id": tag_id, "text": tag["text"].clone()}, "editor_id": Value::Null, "editor_name": "API"},
        }));
    }
    if had != (action == "add") {
        st.webhooks
            .conversation_changed(&page_id, &page.conversations[i]);
    }
    // The documents show a 16-digit (microsecond) timestamp here.
    Ok(ok(
        json!({"success": true, "data": ids, "timestamp": now_millis() * 1000}),
    ))
}

/// `POST .../conversations/{conversation_id}/assign` `{assignee_ids: [...]}`.
pub async fn assign(
    State(st): State<St>,
    Path((page_id, conv_id)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    let b = json_body(&body)?;
    let ids: Vec<String> = match b.get("assignee_ids") {
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| bad("assignee_ids must be a list of user ids"))
            })
            .collect::<Result<_, _>>()?,
        _ => return Err(bad("assignee_ids is required")),
    };
    let mut store = lock(&st.store);
    let page = store.page_mut(&page_id).ok_or_else(|| missing("page"))?;
    let mut users = Vec::new();
    for id in &ids {
        let u = page
            .users
            .iter()
            .find(|u| u["id"] == id.as_str())
            .ok_or_else(|| bad(format!("assignee_ids: `{id}` is not a user of this page")))?;
        users.push(json!({"id": u["id"].clone(), "name": u["name"].clone(), "email": u["email"].clone(), "fb_id": u["fb_id"].clone()}));
    }
    let i = find(page, &conv_id)?;
    let conv = &mut page.conversations[i].v;
    conv["assignee_ids"] = json!(ids);
    conv["current_assign_users"] = json!(users);
    if let Some(h) = conv["assignee_histories"].as_array_mut() {
        h.push(json!({"inserted_at": now_iso(), "conversation_id": conv_id, "payload": {"added_users": users, "deleted_users": []}}));
    }
    // openapi.yaml declares `assignee_group_id` and `from.email` here as plain strings (not
    // nullable, unlike the conversation schema), so a missing value is left out, not null.
    let conv = &page.conversations[i];
    st.webhooks.conversation_changed(&page_id, conv);
    let conv = &conv.v;
    let mut from = conv["from"].clone();
    if let Some(f) = from.as_object_mut() {
        f.retain(|_, v| !v.is_null());
    }
    Ok(ok(json!({
        "success": true,
        "assignee_ids": ids,
        "customers": conv["customers"].clone(),
        "from": from,
        "seen": conv["seen"].clone(),
        "updated_at": conv["updated_at"].clone(),
    })))
}

fn set_seen(st: &St, page_id: &str, conv_id: &str, seen: bool) -> Reply {
    let mut store = lock(&st.store);
    let page = store.page_mut(page_id).ok_or_else(|| missing("page"))?;
    let i = find(page, conv_id)?;
    page.conversations[i].v["seen"] = json!(seen);
    page.conversations[i].v["unread_count"] = json!(if seen { 0 } else { 1 });
    Ok(ok(json!({"success": true})))
}

/// `POST .../conversations/{conversation_id}/read`.
pub async fn read(State(st): State<St>, Path((page_id, conv_id)): Path<(String, String)>) -> Reply {
    set_seen(&st, &page_id, &conv_id, true)
}

/// `POST .../conversations/{conversation_id}/unread`.
pub async fn unread(
    State(st): State<St>,
    Path((page_id, conv_id)): Path<(String, String)>,
) -> Reply {
    set_seen(&st, &page_id, &conv_id, false)
}
