//! Page customers: list (`since`/`until`/`page_number` required, `page_size` ≤ 100), update,
//! notes add/update/delete.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use serde_json::{json, Map, Value};

use super::{bad, json_body, missing, ok, paging, slice, window, Fail, Params, Reply, St};
use crate::data::{naive_iso, note, now_millis, PageData};
use crate::state::lock;

/// `GET .../page_customers?since&until&page_number[&page_size][&order_by]`.
pub async fn list(
    State(st): State<St>,
    Path(page_id): Path<String>,
    RawQuery(q): RawQuery,
) -> Reply {
    let p = Params::parse(q.as_deref());
    let (since, until) = window(&p)?;
    let (number, size) = paging(&p, true, Some(100), 100)?;
    let by_updated = match p.get("order_by") {
        None | Some("inserted_at") => false,
        Some("updated_at") => true,
        Some(_) => return Err(bad("order_by must be inserted_at or updated_at")),
    };
    let store = lock(&st.store);
    let page = store.page(&page_id).ok_or_else(|| missing("page"))?;
    let mut all: Vec<&crate::data::Rec> = page
        .customers
        .iter()
        .filter(|c| c.ts >= since && c.ts <= until)
        .collect();
    if by_updated {
        all.sort_by(|a, b| {
            b.v["updated_at"]
                .as_str()
                .cmp(&a.v["updated_at"].as_str())
                .then(a.ts.cmp(&b.ts))
        });
    }
    let items: Vec<Value> = slice(&all, number, size)
        .into_iter()
        .map(|c| c.v.clone())
        .collect();
    Ok(ok(
        json!({"success": true, "total": all.len(), "customers": items}),
    ))
}

fn find(page: &mut PageData, id: &str) -> Result<usize, Fail> {
    page.customers
        .iter()
        .position(|c| c.v["id"] == id)
        .ok_or_else(|| missing("page customer"))
}

fn touch(c: &mut Value) {
    let now = now_millis();
    c["updated_at"] = json!(naive_iso(now / 1000, ((now % 1000) * 1000) as u32, 2));
}

/// `PUT .../page_customers/{page_customer_id}` `{changes: {name, gender, birthday, phone_numbers}}`.
pub async fn update(
    State(st): State<St>,
    Path((page_id, customer_id)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    let b = json_body(&body)?;
    let changes: Map<String, Value> = match b.get("changes") {
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return Err(bad("changes must be an object")),
        None => return Err(bad("changes is required")),
    };
    for (k, v) in &changes {
        match (k.as_str(), v) {
            ("name" | "birthday", Value::String(_)) => {}
            ("gender", Value::String(g)) if ["male", "female", "unknown"].contains(&g.as_str()) => {
            }
            ("gender", _) => return Err(bad("changes.gender must be male, female or unknown")),
            ("phone_numbers", Value::Array(a)) if a.iter().all(Value::is_string) => {}
            ("phone_numbers", _) => {
                return Err(bad("changes.phone_numbers must be a list of strings"))
            }
            ("name" | "birthday", _) => return Err(bad(format!("changes.{k} must be a string"))),
            _ => {
                return Err(bad(format!(
                    "changes.{k} is not a field that can be changed"
                )))
            }
        }
    }
    let mut store = lock(&st.store);
    let page = store.page_mut(&page_id).ok_or_else(|| missing("page"))?;
    let i = find(page, &customer_id)?;
    let c = &mut page.customers[i].v;
    for (k, v) in changes {
        // The service stores numbers as sent: no normalisation here either.
        c[k.as_str()] = v;
    }
    touch(c);
    Ok(ok(json!({"success": true})))
}

fn message_of(b: &Map<String, Value>) -> Result<String, Fail> {
    match b.get("message") {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
        Some(Value::String(_)) | None | Some(Value::Null) => Err(bad("message is required")),
        Some(_) => Err(bad("message must be a string")),
    }
}

fn note_id_of(b: &Map<String, Value>) -> Result<String, Fail> {
    match b.get("note_id") {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        _ => Err(bad("note_id is required")),
    }
}

/// `POST .../page_customers/{page_customer_id}/notes` `{message}`.
pub async fn add_note(
    State(st): State<St>,
    Path((page_id, customer_id)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    let b = json_body(&body)?;
    let message = message_of(&b)?;
    let mut store = lock(&st.store);
    let n = store.fresh();
    let page = store.page_mut(&page_id).ok_or_else(|| missing("page"))?;
    let author = page.users[0].clone();
    let i = find(page, &customer_id)?;
    let id = format!("00000000-0000-4000-8000-{n:012}");
    let new = note(id, &message, now_millis(), &author);
    let c = &mut page.customers[i].v;
    c["notes"]
        .as_array_mut()
        .expect("notes list")
        .push(new.clone());
    touch(c);
    Ok(ok(json!({"success": true, "data": new})))
}

/// `PUT .../page_customers/{page_customer_id}/notes` `{note_id, message}`.
pub async fn update_note(
    State(st): State<St>,
    Path((page_id, customer_id)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    let b = json_body(&body)?;
    let note_id = note_id_of(&b)?;
    let message = message_of(&b)?;
    let mut store = lock(&st.store);
    let page = store.page_mut(&page_id).ok_or_else(|| missing("page"))?;
    let i = find(page, &customer_id)?;
    let c = &mut page.customers[i].v;
    let notes = c["notes"].as_array_mut().expect("notes list");
    let n = notes
        .iter_mut()
        .find(|n| n["id"] == note_id.as_str())
        .ok_or_else(|| missing("note"))?;
    let old = n["message"].clone();
    n["message"] = json!(message);
    n["updated_at"] = json!(now_millis());
    if let Some(h) = n["edit_history"].as_array_mut() {
        h.push(json!({"message": old, "updated_at": now_millis()}));
    }
    touch(c);
    Ok(ok(json!({"success": true})))
}

/// `DELETE .../page_customers/{page_customer_id}/notes` `{note_id}`.
pub async fn delete_note(
    State(st): State<St>,
    Path((page_id, customer_id)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    let b = json_body(&body)?;
    let note_id = note_id_of(&b)?;
    let mut store = lock(&st.store);
    let page = store.page_mut(&page_id).ok_or_else(|| missing("page"))?;
    let i = find(page, &customer_id)?;
    let c = &mut page.customers[i].v;
    let notes = c["notes"].as_array_mut().expect("notes list");
    let before = notes.len();
    notes.retain(|n| n["id"] != note_id.as_str());
    if notes.len() == before {
        return Err(missing("note"));
    }
    touch(c);
    Ok(ok(json!({"success": true})))
}
