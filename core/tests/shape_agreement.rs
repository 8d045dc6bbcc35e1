//! The JSON path the bindings use ([`Endpoint::parse_value`], `Paginator::handle_response_value`,
//! [`webhook::parse_webhook_value`]) must agree with the typed models it stands in for.
//!
//! For every operation, every body it is tested with (the fixtures and the response vectors),
//! and every mutation of those bodies that puts a value of another JSON type in one place,
//! the typed decode and the shape check accept and reject the same bodies; what they accept
//! they give back as the same JSON, and the typed and JSON paginators hand out the same items.
//! Webhook vectors get the same treatment.

use std::path::PathBuf;

use pancake_core::paginate::{Paginated, Paginator};
use pancake_core::resources::*;
use pancake_core::webhook::{parse_webhook, parse_webhook_value};
use pancake_core::{operations, Endpoint, HttpResponse};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `(params, body)` an operation is tested with: its fixtures and response vectors.
fn bodies(op: &str) -> Vec<(Value, Vec<u8>)> {
    let mut out = Vec::new();
    let dir = root().join("tests/fixtures").join(op);
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".params.json") {
                continue;
            }
            let params = std::fs::read(path.with_extension("params.json"))
                .map(|b| serde_json::from_slice(&b).unwrap())
                .unwrap_or_else(|_| json!({}));
            out.push((params, std::fs::read(&path).unwrap()));
        }
    }
    let vectors: Value = serde_json::from_slice(
        &std::fs::read(root().join("tests/vectors/responses.json")).unwrap(),
    )
    .unwrap();
    for case in vectors["cases"].as_array().unwrap() {
        if case["operation"] == op {
            if let Some(body) = case["body"].as_str() {
                out.push((case["params"].clone(), body.as_bytes().to_vec()));
            }
        }
    }
    out
}

/// The body with one value replaced by a value of another JSON type, for every value in it
/// (capped, so large fixtures stay fast).
fn mutations(body: &Value) -> Vec<Value> {
    fn walk(v: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
        out.push(path.clone());
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    path.push(Value::String(k.clone()));
                    walk(x, path, out);
                    path.pop();
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate().take(3) {
                    path.push(json!(i));
                    walk(x, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut paths = Vec::new();
    walk(body, &mut Vec::new(), &mut paths);
    let replacements = [
        json!(null),
        json!(true),
        json!(7),
        json!(-1.5),
        json!("x"),
        json!([1]),
        json!({"k": 1}),
        json!(u64::MAX),
    ];
    let mut out = Vec::new();
    for (n, path) in paths.iter().enumerate().take(400) {
        for (i, r) in replacements.iter().enumerate() {
            if (n + i) % 3 != 0 && !path.is_empty() {
                continue; // a third of the pairs, all for the root
            }
            let mut copy = body.clone();
            let mut slot = &mut copy;
            for step in path {
                slot = match step {
                    Value::String(k) => slot.get_mut(k.as_str()).unwrap(),
                    _ => slot.get_mut(step.as_u64().unwrap() as usize).unwrap(),
                };
            }
            *slot = r.clone();
            out.push(copy);
        }
    }
    out
}

fn agree_parse<E>(op: &str, params: &Value, body: &[u8]) -> bool
where
    E: Endpoint + DeserializeOwned,
    E::Output: Serialize,
{
    let response = HttpResponse::new(200, body.to_vec());
    let endpoint: E = pancake_core::params::read(params).unwrap();
    let typed = endpoint
        .parse(&response)
        .map(|o| serde_json::to_value(o).unwrap());
    let value = operations::parse(op, params, &response);
    match (&typed, &value) {
        (Ok(a), Ok(b)) => assert_eq!(
            canon(a),
            canon(b),
            "{op}: the JSON differs for {}",
            show(body)
        ),
        (Err(a), Err(b)) => assert_eq!(
            std::mem::discriminant(a),
            std::mem::discriminant(b),
            "{op}: {a} vs {b} for {}",
            show(body)
        ),
        _ => panic!(
            "{op}: typed {} but shape {} for {}",
            verdict(&typed),
            verdict(&value),
            show(body)
        ),
    }
    typed.is_ok()
}

/// The typed and the JSON paginator read the same page to the same items: both come from the
/// endpoint's `ListLayout`, so what is left to check is that every item the JSON path hands out
/// decodes as the typed item and serialises back to the same JSON.
fn agree_split<E>(op: &str, params: &Value, body: &[u8])
where
    E: Paginated + DeserializeOwned,
    E::Item: Serialize,
{
    let response = HttpResponse::new(200, body.to_vec());
    let endpoint: E = pancake_core::params::read(params).unwrap();
    let typed = Paginator::new(endpoint.clone()).handle_response(&response);
    let json = Paginator::new(endpoint).handle_response_value(&response);
    let (items, json_items) = match (typed, json) {
        (Ok(items), Ok(json_items)) => (items, json_items),
        (Err(_), Err(_)) => return,
        (typed, json) => panic!(
            "{op}: typed paginator {} but JSON paginator {} for {}",
            verdict(&typed),
            verdict(&json),
            show(body)
        ),
    };
    let items: Vec<Value> = items
        .into_iter()
        .map(|i| canon(&serde_json::to_value(i).unwrap()))
        .collect();
    let json_items: Vec<Value> = json_items.iter().map(canon).collect();
    assert_eq!(items, json_items, "{op}: items for {}", show(body));
}

/// A value compared as the typed models see it: they write known fields first (so key order
/// is not compared) and read a number beyond `i64` in a `FlexNum` as a float (so numbers are
/// compared as floats; the JSON path keeps them exact).
fn canon(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), canon(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(canon).collect()),
        Value::Number(n) => json!(n.as_f64()),
        other => other.clone(),
    }
}

fn verdict<T>(r: &pancake_core::Result<T>) -> String {
    match r {
        Ok(_) => "accepts".into(),
        Err(e) => format!("rejects ({e})"),
    }
}

fn show(body: &[u8]) -> String {
    String::from_utf8_lossy(&body[..body.len().min(300)]).into_owned()
}

/// Runs the checks for one operation over its bodies and their mutations; returns how many
/// bodies the typed decode accepted and rejected.
fn check<E>(op: &str, paged: fn(&str, &Value, &[u8])) -> (usize, usize)
where
    E: Endpoint + DeserializeOwned,
    E::Output: Serialize,
{
    let (mut ok, mut rejected) = (0, 0);
    for (params, body) in bodies(op) {
        let mut all = vec![body.clone()];
        if let Ok(v) = serde_json::from_slice::<Value>(&body) {
            all.extend(mutations(&v).iter().map(|m| m.to_string().into_bytes()));
        }
        for b in all {
            if agree_parse::<E>(op, &params, &b) {
                ok += 1;
            } else {
                rejected += 1;
            }
            paged(op, &params, &b);
        }
    }
    (ok, rejected)
}

fn not_paged(_: &str, _: &Value, _: &[u8]) {}

macro_rules! agreement {
    ($($op:literal => $t:ty $(, $split:ident)?;)+) => {{
        let mut covered = Vec::new();
        let mut totals = (0, 0);
        $(
            let paged: fn(&str, &Value, &[u8]) = agreement!(@split $t $(, $split)?);
            let (ok, rejected) = check::<$t>($op, paged);
            totals = (totals.0 + ok, totals.1 + rejected);
            covered.push($op);
        )+
        (covered, totals)
    }};
    (@split $t:ty, paged) => { agree_split::<$t> };
    (@split $t:ty) => { not_paged };
}

#[test]
fn typed_and_shape_decoding_agree_on_every_operation() {
    let (covered, (ok, rejected)) = agreement! {
        "avatar.url" => avatar::GetAvatar;
        "call_logs.list" => call_logs::ListCallLogs, paged;
        "chat_plugin.list" => chat_plugin::ListPluginMessages;
        "chat_plugin.send" => chat_plugin::SendPluginMessage;
        "contents.upload" => contents::UploadContent;
        "conversations.add_tag" => conversations::AddTag;
        "conversations.assign" => conversations::AssignConversation;
        "conversations.list" => conversations::ListConversations, paged;
        "conversations.list_v1" => conversations::ListConversationsV1, paged;
        "conversations.mark_read" => conversations::MarkRead;
        "conversations.mark_unread" => conversations::MarkUnread;
        "conversations.remove_tag" => conversations::RemoveTag;
        "customers.list" => customers::ListCustomers, paged;
        "customers.update" => customers::UpdateCustomer;
        "export.conversations_from_ads" => export::ExportConversationsFromAds, paged;
        "messages.list" => messages::ListMessages, paged;
        "messages.private_reply" => messages::PrivateReply;
        "messages.reply_comment" => messages::ReplyComment;
        "messages.send" => messages::SendMessage;
        "notes.add" => notes::AddNote;
        "notes.delete" => notes::DeleteNote;
        "notes.update" => notes::UpdateNote;
        "pages.generate_page_access_token" => pages::GeneratePageAccessToken;
        "pages.list" => pages::ListPages;
        "posts.list" => posts::ListPosts, paged;
        "statistics.ads" => statistics::AdStatistics;
        "statistics.campaigns" => statistics::CampaignStatistics;
        "statistics.engagements" => statistics::EngagementStatistics;
        "statistics.multi_page_users" => statistics::MultiPageUserStatistics;
        "statistics.new_customers" => statistics::NewCustomerStatistics;
        "statistics.page" => statistics::PageStatistics;
        "statistics.tags" => statistics::TagStatistics;
        "statistics.users" => statistics::UserStatistics;
        "tags.list" => tags::ListTags;
        "users.list" => users::ListUsers;
        "users.set_round_robin" => users::SetRoundRobinUsers;
    };
    let mut all: Vec<&str> = operations::all().map(|o| o.name).collect();
    all.sort_unstable();
    let mut covered = covered;
    covered.sort_unstable();
    assert_eq!(covered, all, "every operation is checked here");
    // The mutations must exercise both sides, or the test proves nothing.
    assert!(
        ok > 500 && rejected > 500,
        "accepted {ok}, rejected {rejected}"
    );
}

#[test]
fn pages_list_split_agrees() {
    let op = "pages.list";
    for (params, body) in bodies(op) {
        let response = HttpResponse::new(200, body.clone());
        let Ok(list) = pancake_core::params::read::<pages::ListPages>(&params)
            .unwrap()
            .parse(&response)
        else {
            continue;
        };
        let page = operations::list_page(op, &params, &response).unwrap();
        let typed = serde_json::to_value(list.active_pages()).unwrap();
        assert_eq!(canon(&page["items"]), canon(&typed), "{}", show(&body));
    }
}

#[test]
fn typed_and_shape_webhooks_agree() {
    let vectors: Value =
        serde_json::from_slice(&std::fs::read(root().join("tests/vectors/webhooks.json")).unwrap())
            .unwrap();
    let (mut ok, mut rejected) = (0, 0);
    for case in vectors["cases"].as_array().unwrap() {
        let Some(body) = case.get("body") else {
            continue;
        };
        let mut all = vec![body.clone()];
        all.extend(mutations(body));
        for b in all {
            let bytes = b.to_string().into_bytes();
            match (parse_webhook(&bytes), parse_webhook_value(&bytes)) {
                (Ok(typed), Ok(json)) => {
                    assert_eq!(typed.kind(), json.kind);
                    assert_eq!(canon(&typed.to_value()), canon(&json.event));
                    // The same key, unless the typed model rounded a number the JSON keeps.
                    if typed.to_value() == json.event {
                        assert_eq!(typed.dedup_key(), json.dedup_key, "{}", show(&bytes));
                    }
                    ok += 1;
                }
                (Err(_), Err(_)) => rejected += 1,
                (a, b) => panic!("{a:?} vs {b:?} for {b_:?}", b_ = show(&bytes)),
            }
        }
    }
    assert!(
        ok > 100 && rejected > 100,
        "accepted {ok}, rejected {rejected}"
    );
}
