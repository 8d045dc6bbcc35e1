//! User API: list pages, generate a page access token, avatar redirect.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::gate::PAGE_TOKEN_PREFIX;
use super::{bad, missing, ok, Params, Reply, St};
use crate::state::lock;

/// `GET /api/v1/pages`.
pub async fn list(State(st): State<St>) -> Response {
    let store = lock(&st.store);
    let pages: Vec<_> = store.pages.iter().map(|p| p.page.clone()).collect();
    ok(json!({"success": true, "pages": pages}))
}

/// `POST /api/v1/pages/{page_id}/generate_page_access_token?page_id=...`: openapi.yaml requires
/// `page_id` in the query too, and it must name the page of the path.
pub async fn generate_token(
    State(st): State<St>,
    Path(page_id): Path<String>,
    RawQuery(q): RawQuery,
) -> Reply {
    let p = Params::parse(q.as_deref());
    if p.req("page_id")? != page_id {
        return Err(bad(
            "the page_id query parameter must name the page of the path",
        ));
    }
    if lock(&st.store).page(&page_id).is_none() {
        return Err(missing("page"));
    }
    Ok(ok(
        json!({"success": true, "page_access_token": format!("{PAGE_TOKEN_PREFIX}{page_id}")}),
    ))
}

/// `GET /api/v1/pages/{page_id}/avatar/{psid}`: a 301 to a CDN address, no token needed.
pub async fn avatar(Path((page_id, psid)): Path<(String, String)>) -> Response {
    let hash: u64 = format!("{page_id}/{psid}")
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    (
        StatusCode::MOVED_PERMANENTLY,
        [(
            header::LOCATION,
            format!("https://content.pancake.vn/2.1-24/avatars/{hash:016x}"),
        )],
    )
        .into_response()
}
