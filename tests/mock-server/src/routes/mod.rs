//! The HTTP surface: one module per resource, plus the gate every API request passes
//! (journal, token check, rate limit, faults) and the `/__mock` control endpoints.

mod control;
mod conversations;
mod customers;
mod gate;
mod messages;
mod misc;
mod pages;
mod statistics;

pub use control::simulate_customer_message;

use std::sync::Arc;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{middleware, Json, Router};
use serde_json::{json, Value};
use tower_http::cors::CorsLayer;

use crate::state::AppState;

/// Shared state as handlers see it.
pub type St = Arc<AppState>;

/// Builds the whole application.
pub fn router(state: St) -> Router {
    let page_v1 = Router::new()
        .route("/conversations", get(conversations::list_v1))
        .route(
            "/conversations/{conversation_id}/tags",
            post(conversations::tag),
        )
        .route(
            "/conversations/{conversation_id}/assign",
            post(conversations::assign),
        )
        .route(
            "/conversations/{conversation_id}/read",
            post(conversations::read),
        )
        .route(
            "/conversations/{conversation_id}/unread",
            post(conversations::unread),
        )
        .route(
            "/conversations/{conversation_id}/messages",
            get(messages::list).post(messages::send),
        )
        .route("/statistics/{kind}", get(statistics::get))
        .route("/export_data", get(misc::export_data))
        .route("/page_customers", get(customers::list))
        .route("/page_customers/{page_customer_id}", put(customers::update))
        .route(
            "/page_customers/{page_customer_id}/notes",
            post(customers::add_note)
                .put(customers::update_note)
                .delete(customers::delete_note),
        )
        .route("/sip_call_logs", get(misc::call_logs))
        .route("/tags", get(misc::tags))
        .route("/posts", get(misc::posts))
        .route("/users", get(misc::users))
        .route("/round_robin_users", post(misc::round_robin))
        .route("/upload_contents", post(misc::upload));
    let page_v2 = Router::new().route("/conversations", get(conversations::list_v2));

    Router::new()
        .route("/api/v1/pages", get(pages::list))
        .route(
            "/api/v1/pages/{page_id}/generate_page_access_token",
            post(pages::generate_token),
        )
        .route("/api/v1/pages/{page_id}/avatar/{psid}", get(pages::avatar))
        .route("/api/v1/statistics/user", get(statistics::multi_page_users))
        .route(
            "/api/v1/pke_chat_plugin/messages",
            get(misc::chat_list).post(misc::chat_send),
        )
        .nest("/api/public_api/v1/pages/{page_id}", page_v1)
        .nest("/api/public_api/v2/pages/{page_id}", page_v2)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), gate::gate))
        .merge(control::router())
        .layer(CorsLayer::permissive())
        .with_state(state)
}

async fn not_found() -> Fail {
    error(StatusCode::NOT_FOUND, "no such endpoint")
}

/// A finished error response, boxed so `Result<_, Fail>` stays small.
#[derive(Debug)]
pub struct Fail(pub Box<Response>);

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        *self.0
    }
}

impl From<Response> for Fail {
    fn from(r: Response) -> Self {
        Fail(Box::new(r))
    }
}

/// `{"success": false, "error": message}` with `status`.
pub fn error(status: StatusCode, message: impl Into<String>) -> Fail {
    (
        status,
        Json(json!({"success": false, "error": message.into()})),
    )
        .into_response()
        .into()
}

/// A 400 naming what is wrong.
pub fn bad(message: impl Into<String>) -> Fail {
    error(StatusCode::BAD_REQUEST, message)
}

/// A 404 for a missing object.
pub fn missing(what: &str) -> Fail {
    error(StatusCode::NOT_FOUND, format!("{what} not found"))
}

/// 200 with a JSON body.
pub fn ok(body: Value) -> Response {
    (StatusCode::OK, Json(body)).into_response()
}

/// A handler's result: the error side is a finished response.
pub type Reply = Result<Response, Fail>;

/// Query parameters in order, repeated names kept.
#[derive(Debug, Default)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    /// Parses a raw query string.
    pub fn parse(query: Option<&str>) -> Self {
        Params(
            query
                .map(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).unwrap_or_default())
                .unwrap_or_default(),
        )
    }

    /// The last value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name` or `name[]`, commas split.
    pub fn all(&self, name: &str) -> Vec<String> {
        let alt = format!("{name}[]");
        self.0
            .iter()
            .filter(|(k, _)| k == name || *k == alt)
            .flat_map(|(_, v)| v.split(',').map(|s| s.trim().to_owned()))
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// An optional integer parameter; 400 if it is not one.
    pub fn int(&self, name: &str) -> Result<Option<i64>, Fail> {
        match self.get(name) {
            None | Some("") => Ok(None),
            Some(v) => v
                .trim()
                .parse::<i64>()
                .map(Some)
                .map_err(|_| bad(format!("{name} must be an integer"))),
        }
    }

    /// A required integer parameter.
    pub fn req_int(&self, name: &str) -> Result<i64, Fail> {
        self.int(name)?
            .ok_or_else(|| bad(format!("{name} is required")))
    }

    /// A required text parameter.
    pub fn req(&self, name: &str) -> Result<&str, Fail> {
        match self.get(name) {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(bad(format!("{name} is required"))),
        }
    }
}

/// Reads a JSON object body; 400 otherwise.
pub fn json_body(body: &[u8]) -> Result<serde_json::Map<String, Value>, Fail> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(bad("the body must be a JSON object")),
        Err(e) => Err(bad(format!("invalid JSON body: {e}"))),
    }
}

/// `since`/`until` (unix seconds) both required, `since <= until`.
pub fn window(p: &Params) -> Result<(i64, i64), Fail> {
    let since = p.req_int("since")?;
    let until = p.req_int("until")?;
    if since > until {
        return Err(bad("since must not be after until"));
    }
    Ok((since, until))
}

/// `page_number` (≥ 1) and `page_size` (1..=max) as given or defaulted.
pub fn paging(
    p: &Params,
    number_required: bool,
    size_default: Option<i64>,
    size_max: i64,
) -> Result<(usize, usize), Fail> {
    let number = if number_required {
        p.req_int("page_number")?
    } else {
        p.int("page_number")?.unwrap_or(1)
    };
    if number < 1 {
        return Err(bad("page_number must be at least 1"));
    }
    let size = match (p.int("page_size")?, size_default) {
        (Some(s), _) => s,
        (None, Some(d)) => d,
        (None, None) => return Err(bad("page_size is required")),
    };
    if size < 1 || size > size_max {
        return Err(bad(format!("page_size must be between 1 and {size_max}")));
    }
    Ok((number as usize, size as usize))
}

/// The slice of `items` for a 1-based page.
pub fn slice<T: Clone>(items: &[T], number: usize, size: usize) -> Vec<T> {
    items
        .iter()
        .skip((number - 1).saturating_mul(size))
        .take(size)
        .cloned()
        .collect()
}

/// A header value that is always valid.
pub fn retry_after(secs: u64) -> [(header::HeaderName, String); 1] {
    [(header::RETRY_AFTER, secs.max(1).to_string())]
}
