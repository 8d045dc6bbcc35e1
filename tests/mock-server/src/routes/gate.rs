//! The gate in front of every API route: journal, token check, rate limit and faults.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use http_body::Frame;
use serde_json::{json, Value};

use super::{error, Fail, St};
use crate::data::now_millis;
use crate::faults::{self, Action};
use crate::state::lock;

/// The user access token the mock accepts.
pub const USER_TOKEN: &str = "mock-user-token";
/// Page tokens are this prefix followed by the page id.
pub const PAGE_TOKEN_PREFIX: &str = "mock-page-token-";
const MAX_BODY: usize = 64 * 1024 * 1024;

/// The middleware.
pub async fn gate(State(st): State<St>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => return error(StatusCode::PAYLOAD_TOO_LARGE, "body too large").into_response(),
    };
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().map(str::to_owned);
    let op = refine(op_name(&parts.method, &path), &bytes);
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    record(
        &st,
        &parts.method,
        &path,
        query.as_deref(),
        &content_type,
        &bytes,
        op,
    );

    let params = super::Params::parse(query.as_deref());
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    // /api/public_api/v{1,2}/pages/{page_id}/...
    let page_scope = match segments.as_slice() {
        ["api", "public_api", _, "pages", page_id, ..] => Some((*page_id).to_owned()),
        _ => None,
    };
    if let Some(page_id) = &page_scope {
        if let Err(r) = check_page_token(&st, page_id, params.get("page_access_token")) {
            return r.into_response();
        }
        let wait = lock(&st.limiter).acquire(page_id, Instant::now());
        if let Err(wait) = wait {
            let secs = wait.as_secs_f64().ceil() as u64;
            return (
                StatusCode::TOO_MANY_REQUESTS,
                super::retry_after(secs),
                Json(json!({"success": false, "error": "Too many requests: at most 5 requests per page per second", "error_code": 429})),
            )
                .into_response();
        }
    } else if matches!(
        op,
        "pages.list" | "pages.generate_page_access_token" | "statistics.multi_page_users"
    ) && params.get("access_token") != Some(USER_TOKEN)
    {
        return invalid_token(&st);
    }

    let fault = faults::take(&mut lock(&st.faults), op);
    let Some(fault) = fault else {
        return next
            .run(Request::from_parts(parts, Body::from(bytes)))
            .await;
    };
    if let Some(ms) = fault.delay_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    match fault.action {
        Some(Action::Html) => {
            return (
                StatusCode::BAD_GATEWAY,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
            )
                .into_response();
        }
        Some(Action::SuccessFalse) => {
            return (
                StatusCode::OK,
                Json(json!({"success": false, "error_code": 122, "message": "Page subscription expired"})),
            )
                .into_response();
        }
        _ => {}
    }
    if let Some(status) = fault.status {
        let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = error(code, format!("injected fault: HTTP {status}")).into_response();
        if status == 429 || status == 503 {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        return resp;
    }
    let resp = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    match fault.action {
        Some(Action::Drop) => Response::new(Body::new(Abort)),
        Some(Action::Malformed) => {
            let (mut parts, body) = resp.into_parts();
            let bytes = axum::body::to_bytes(body, MAX_BODY)
                .await
                .unwrap_or_default();
            let cut = bytes.slice(..bytes.len() / 2);
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(cut))
        }
        Some(action @ (Action::Drift | Action::Sparse)) => {
            let (mut parts, body) = resp.into_parts();
            let bytes = axum::body::to_bytes(body, MAX_BODY)
                .await
                .unwrap_or_default();
            let out = match serde_json::from_slice::<Value>(&bytes) {
                Ok(mut v) => {
                    if action == Action::Drift {
                        drift(&mut v);
                    } else {
                        sparse(&mut v);
                    }
                    Bytes::from(serde_json::to_vec(&v).unwrap_or_default())
                }
                Err(_) => bytes,
            };
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(out))
        }
        _ => resp,
    }
}

/// Schema drift: every object gains an unknown field, every number becomes a string.
fn drift(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for x in m.values_mut() {
                drift(x);
            }
            m.insert(
                "x_mock_new_field".into(),
                json!({"added_in": "drift", "n": 1}),
            );
        }
        Value::Array(a) => a.iter_mut().for_each(drift),
        Value::Number(n) => *v = Value::String(n.to_string()),
        _ => {}
    }
}

/// Missing fields: every null, empty list or empty object inside objects is left out.
fn sparse(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.values_mut().for_each(sparse);
            m.retain(|_, x| match x {
                Value::Null => false,
                Value::Array(a) => !a.is_empty(),
                Value::Object(o) => !o.is_empty(),
                _ => true,
            });
        }
        Value::Array(a) => a.iter_mut().for_each(sparse),
        _ => {}
    }
}

/// A body that fails at once: hyper closes the connection without sending a response.
struct Abort;

impl http_body::Body for Abort {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        Poll::Ready(Some(Err(std::io::Error::other(
            "pancake-mock: injected connection drop",
        ))))
    }
}

fn invalid_token(st: &St) -> Response {
    if st.auth_status {
        (
            StatusCode::UNAUTHORIZED,
            Json(json!({"success": false, "error_code": 102, "message": "Invalid access_token"})),
        )
            .into_response()
    } else {
        (
            StatusCode::OK,
            Json(json!({"success": false, "error_code": 102, "message": "Invalid access_token"})),
        )
            .into_response()
    }
}

fn check_page_token(st: &St, page_id: &str, token: Option<&str>) -> Result<(), Fail> {
    let store = lock(&st.store);
    let Some(owner) = token.and_then(|t| t.strip_prefix(PAGE_TOKEN_PREFIX)) else {
        return Err(invalid_token(st).into());
    };
    if store.page(owner).is_none() {
        return Err(invalid_token(st).into());
    }
    if owner != page_id {
        return Err(error(
            StatusCode::FORBIDDEN,
            "the page_access_token does not grant access to this page",
        ));
    }
    Ok(())
}

fn record(
    st: &St,
    method: &Method,
    path: &str,
    query: Option<&str>,
    content_type: &str,
    body: &[u8],
    op: &str,
) {
    let body = if body.is_empty() {
        Value::Null
    } else if content_type.starts_with("multipart/") {
        json!({"multipart_bytes": body.len()})
    } else {
        serde_json::from_slice::<Value>(body)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()))
    };
    let mut journal = lock(&st.journal);
    let seq = journal.len() + 1;
    journal.push(json!({
        "seq": seq,
        "op": op,
        "method": method.as_str(),
        "path": path,
        "query": redact_query(query.unwrap_or("")),
        "body": body,
        "ts": now_millis(),
    }));
}

/// The query string with every token value replaced by `[REDACTED]`.
pub fn redact_query(query: &str) -> String {
    query
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if k == "access_token" || k == "page_access_token" => {
                format!("{k}=[REDACTED]")
            }
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Operations that share a route are told apart by the body's `action`.
fn refine(op: &'static str, body: &[u8]) -> &'static str {
    if op != "conversations.add_tag" && op != "messages.send" {
        return op;
    }
    let action = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v.get("action").and_then(Value::as_str).map(str::to_owned));
    match (op, action.as_deref()) {
        ("conversations.add_tag", Some("remove")) => "conversations.remove_tag",
        ("messages.send", Some("reply_comment")) => "messages.reply_comment",
        ("messages.send", Some("private_replies")) => "messages.private_reply",
        _ => op,
    }
}

/// The operation name of a request, as core's registry names it (`customers.list`).
pub fn op_name(method: &Method, path: &str) -> &'static str {
    let s: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let m = method.as_str();
    match (m, s.as_slice()) {
        ("GET", ["api", "v1", "pages"]) => "pages.list",
        ("POST", ["api", "v1", "pages", _, "generate_page_access_token"]) => {
            "pages.generate_page_access_token"
        }
        ("GET", ["api", "v1", "pages", _, "avatar", _]) => "avatar.url",
        ("GET", ["api", "v1", "statistics", "user"]) => "statistics.multi_page_users",
        ("POST", ["api", "v1", "pke_chat_plugin", "messages"]) => "chat_plugin.send",
        ("GET", ["api", "v1", "pke_chat_plugin", "messages"]) => "chat_plugin.list",
        ("GET", ["api", "public_api", "v2", "pages", _, "conversations"]) => "conversations.list",
        ("GET", ["api", "public_api", "v1", "pages", _, "conversations"]) => {
            "conversations.list_v1"
        }
        (_, ["api", "public_api", "v1", "pages", _, rest @ ..]) => match (m, rest) {
            ("POST", ["conversations", _, "tags"]) => "conversations.add_tag",
            ("POST", ["conversations", _, "assign"]) => "conversations.assign",
            ("POST", ["conversations", _, "read"]) => "conversations.mark_read",
            ("POST", ["conversations", _, "unread"]) => "conversations.mark_unread",
            ("GET", ["conversations", _, "messages"]) => "messages.list",
            ("POST", ["conversations", _, "messages"]) => "messages.send",
            ("GET", ["statistics", "pages_campaigns" | "pages_campaign"]) => "statistics.campaigns",
            ("GET", ["statistics", "ads"]) => "statistics.ads",
            ("GET", ["statistics", "customer_engagements"]) => "statistics.engagements",
            ("GET", ["statistics", "pages"]) => "statistics.page",
            ("GET", ["statistics", "tags"]) => "statistics.tags",
            ("GET", ["statistics", "users"]) => "statistics.users",
            ("GET", ["statistics", "page_customers"]) => "statistics.new_customers",
            ("GET", ["export_data"]) => "export.conversations_from_ads",
            ("GET", ["page_customers"]) => "customers.list",
            ("PUT", ["page_customers", _]) => "customers.update",
            ("POST", ["page_customers", _, "notes"]) => "notes.add",
            ("PUT", ["page_customers", _, "notes"]) => "notes.update",
            ("DELETE", ["page_customers", _, "notes"]) => "notes.delete",
            ("GET", ["sip_call_logs"]) => "call_logs.list",
            ("GET", ["tags"]) => "tags.list",
            ("GET", ["posts"]) => "posts.list",
            ("GET", ["users"]) => "users.list",
            ("POST", ["round_robin_users"]) => "users.set_round_robin",
            ("POST", ["upload_contents"]) => "contents.upload",
            _ => "unknown",
        },
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_tokens_only() {
        assert_eq!(
            redact_query("page_access_token=abc&since=1&access_token=x"),
            "page_access_token=[REDACTED]&since=1&access_token=[REDACTED]"
        );
    }

    #[test]
    fn names_operations() {
        assert_eq!(
            op_name(&Method::GET, "/api/public_api/v1/pages/1/page_customers"),
            "customers.list"
        );
        assert_eq!(
            op_name(&Method::GET, "/api/public_api/v2/pages/1/conversations"),
            "conversations.list"
        );
        let tags = op_name(
            &Method::POST,
            "/api/public_api/v1/pages/1/conversations/2/tags",
        );
        assert_eq!(
            refine(tags, br#"{"action":"remove"}"#),
            "conversations.remove_tag"
        );
        assert_eq!(refine(tags, b"{}"), "conversations.add_tag");
        let send = op_name(
            &Method::POST,
            "/api/public_api/v1/pages/1/conversations/2/messages",
        );
        assert_eq!(
            refine(send, br#"{"action":"private_replies"}"#),
            "messages.private_reply"
        );
    }
}
