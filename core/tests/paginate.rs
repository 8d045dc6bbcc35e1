//! Pagination state machines driven against small in-memory servers, one per paging style.
//! The endpoints here are test-only: they page a fixed list the way the real list endpoints do.

use pancake_core::context::Api;
use pancake_core::paginate::{
    Cursor, DynPaginator, KeyField, ListLayout, Listed, Paginated, Paginator, Position, Style,
    Windowed, WindowedPaginator,
};
use pancake_core::shape::{Field, Object, Shape, Shaped};
use pancake_core::{Context, Endpoint, Error, HttpRequest, HttpResponse, Result};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Test endpoints

/// One record of the fake lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Item {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(default)]
    t: i64,
}

/// One page as the fake server answers it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Page {
    items: Vec<Item>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    total: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

/// Where a fake page keeps its items, their keys, the total and the next cursor.
const LAYOUT: ListLayout = ListLayout {
    items: &["items"],
    total: Some("total"),
    key: &[KeyField::Text("id")],
    cursor: Cursor::Field("next"),
};

// The page's shape, which the paginators check every response against.
static ITEM: Object = Object {
    name: "Item",
    fields: &[
        Field {
            name: "id",
            shape: &Shape::OneOf(&[&Shape::Str, &Shape::Null]),
        },
        Field {
            name: "t",
            shape: &Shape::I64,
        },
    ],
    required: &[],
};
static PAGE: Object = Object {
    name: "Page",
    fields: &[
        Field {
            name: "items",
            shape: &Shape::Array(&Shape::Object(&ITEM)),
        },
        Field {
            name: "total",
            shape: &Shape::OneOf(&[&Shape::I64, &Shape::Null]),
        },
        Field {
            name: "next",
            shape: &Shape::OneOf(&[&Shape::Str, &Shape::Null]),
        },
    ],
    required: &["items"],
};

impl Shaped for Page {
    const SHAPE: &'static Shape = &Shape::Object(&PAGE);
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ByPage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    page_number: Option<u32>,
    page_size: u32,
}

impl Endpoint for ByPage {
    type Output = Page;
    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        if self.page_size == 0 {
            return Err(Error::invalid("page_size", "must be at least 1"));
        }
        ctx.get(Api::PageV1, "/items", self)
    }
}

impl Listed for ByPage {
    const LIST: ListLayout = LAYOUT;
}

impl Paginated for ByPage {
    type Item = Item;
    const STYLE: Style = Style::PageNumber;
    const POSITION: &'static str = "page_number";
    fn page_size(&self) -> u32 {
        self.page_size
    }
    fn at(&self, position: &Position) -> Self {
        let Position::PageNumber(n) = position else {
            panic!("{position:?}")
        };
        Self {
            page_number: Some(*n),
            ..self.clone()
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ByCursor {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_id: Option<String>,
}

/// The fixed page size of the cursor endpoint (v2 conversations answer 60 at a time).
const CURSOR_PAGE: u32 = 3;

impl Endpoint for ByCursor {
    type Output = Page;
    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        ctx.get(Api::PageV2, "/items", self)
    }
}

impl Listed for ByCursor {
    const LIST: ListLayout = LAYOUT;
}

impl Paginated for ByCursor {
    type Item = Item;
    const STYLE: Style = Style::Cursor;
    const POSITION: &'static str = "cursor";
    fn page_size(&self) -> u32 {
        CURSOR_PAGE
    }
    fn at(&self, position: &Position) -> Self {
        let Position::Cursor(c) = position else {
            panic!("{position:?}")
        };
        Self { last_id: c.clone() }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ByOffset {
    #[serde(default)]
    offset: u64,
}

const OFFSET_PAGE: u32 = 3;

impl Endpoint for ByOffset {
    type Output = Page;
    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        ctx.get(Api::PageV1, "/export", self)
    }
}

impl Listed for ByOffset {
    const LIST: ListLayout = LAYOUT;
}

impl Paginated for ByOffset {
    type Item = Item;
    const STYLE: Style = Style::Offset;
    const POSITION: &'static str = "offset";
    fn page_size(&self) -> u32 {
        OFFSET_PAGE
    }
    fn at(&self, position: &Position) -> Self {
        let Position::Count(n) = position else {
            panic!("{position:?}")
        };
        Self { offset: *n }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ByCount {
    #[serde(default)]
    current_count: u64,
}

impl Endpoint for ByCount {
    type Output = Page;
    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        ctx.get(Api::PageV1, "/messages", self)
    }
}

impl Listed for ByCount {
    const LIST: ListLayout = LAYOUT;
}

impl Paginated for ByCount {
    type Item = Item;
    const STYLE: Style = Style::Count;
    const POSITION: &'static str = "current_count";
    fn page_size(&self) -> u32 {
        OFFSET_PAGE
    }
    fn at(&self, position: &Position) -> Self {
        let Position::Count(n) = position else {
            panic!("{position:?}")
        };
        Self { current_count: *n }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ByWindow {
    since: i64,
    until: i64,
    #[serde(default)]
    page_number: Option<u32>,
}

/// The longest window of the windowed endpoint, in seconds.
const WINDOW: i64 = 100;

impl Endpoint for ByWindow {
    type Output = Page;
    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        if self.until < self.since {
            return Err(Error::invalid("until", "is before since"));
        }
        if self.until - self.since > WINDOW {
            return Err(Error::invalid("since", "the window is longer than allowed"));
        }
        ctx.get(Api::PageV1, "/conversations", self)
    }
}

impl Listed for ByWindow {
    const LIST: ListLayout = LAYOUT;
}

impl Paginated for ByWindow {
    type Item = Item;
    const STYLE: Style = Style::PageNumber;
    const POSITION: &'static str = "page_number";
    fn page_size(&self) -> u32 {
        2
    }
    fn at(&self, position: &Position) -> Self {
        let Position::PageNumber(n) = position else {
            panic!("{position:?}")
        };
        Self {
            page_number: Some(*n),
            ..self.clone()
        }
    }
}

impl Windowed for ByWindow {
    const MAX_WINDOW_SECS: i64 = WINDOW;
    fn window(&self) -> (i64, i64) {
        (self.since, self.until)
    }
    fn with_window(&self, since: i64, until: i64) -> Self {
        Self {
            since,
            until,
            page_number: None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The fake server

fn ctx() -> Context {
    Context::page("7", "tok").with_base_url("http://t")
}

fn query(url: &str) -> Vec<(String, String)> {
    let q = url.split_once('?').map_or("", |(_, q)| q);
    serde_urlencoded::from_str(q).unwrap()
}

fn q_num(url: &str, name: &str) -> Option<i64> {
    query(url)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.parse().unwrap())
}

fn q_str(url: &str, name: &str) -> Option<String> {
    query(url)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

fn respond(page: Page) -> HttpResponse {
    HttpResponse::new(200, serde_json::to_vec(&page).unwrap())
}

/// Serves `items` (newest first for the windowed endpoint) the way each style pages.
fn serve(items: &[Item], url: &str) -> HttpResponse {
    let path = url.split('?').next().unwrap();
    let slice = |from: usize, len: usize| -> Vec<Item> {
        items.iter().skip(from).take(len).cloned().collect()
    };
    if path.ends_with("/conversations") {
        let (since, until) = (q_num(url, "since").unwrap(), q_num(url, "until").unwrap());
        let inside: Vec<Item> = items
            .iter()
            .filter(|i| since <= i.t && i.t <= until)
            .cloned()
            .collect();
        let page = q_num(url, "page_number").unwrap_or(1) as usize;
        return respond(Page {
            items: inside
                .iter()
                .skip((page - 1) * 2)
                .take(2)
                .cloned()
                .collect(),
            total: Some(inside.len() as u64),
            next: None,
        });
    }
    if let Some(size) = q_num(url, "page_size") {
        let page = q_num(url, "page_number").unwrap_or(1) as usize;
        let size = size as usize;
        return respond(Page {
            items: slice((page - 1) * size, size),
            total: Some(items.len() as u64),
            next: None,
        });
    }
    if path.contains("/v2/") {
        let from = match q_str(url, "last_id") {
            None => 0,
            Some(id) => {
                items
                    .iter()
                    .position(|i| i.id.as_deref() == Some(&id))
                    .unwrap()
                    + 1
            }
        };
        let page = slice(from, CURSOR_PAGE as usize);
        let next = page.last().and_then(|i| i.id.clone());
        return respond(Page {
            items: page,
            total: None,
            next,
        });
    }
    let from = q_num(url, "offset")
        .or_else(|| q_num(url, "current_count"))
        .unwrap() as usize;
    respond(Page {
        items: slice(from, OFFSET_PAGE as usize),
        total: None,
        next: None,
    })
}

fn items(n: usize) -> Vec<Item> {
    (0..n)
        .map(|i| Item {
            id: Some(format!("i{i}")),
            t: 1000 - i as i64,
        })
        .collect()
}

fn ids(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .map(|i| i.id.clone().unwrap_or_default())
        .collect()
}

/// Drives a typed paginator to the end; returns the request URLs (path and query, token cut)
/// and the items.
fn drive<E: Paginated<Item = Item>>(
    mut p: Paginator<E>,
    server: impl Fn(&str) -> HttpResponse,
) -> (Vec<String>, Vec<Item>) {
    let mut urls = Vec::new();
    let mut out = Vec::new();
    while let Some(req) = p.next_request(&ctx()).unwrap() {
        assert!(urls.len() < 100, "runaway paginator");
        urls.push(short(&req.url));
        out.extend(p.handle_response(&server(&req.url)).unwrap());
    }
    assert!(p.is_done());
    (urls, out)
}

fn short(url: &str) -> String {
    url.trim_start_matches("http://t")
        .replace("&page_access_token=tok", "")
        .replace("?page_access_token=tok", "")
}

// ---------------------------------------------------------------------------------------------
// Transcripts

#[test]
fn page_number_stops_on_total() {
    let all = items(6);
    let (urls, got) = drive(
        Paginator::new(ByPage {
            page_number: None,
            page_size: 3,
        }),
        |u| serve(&all, u),
    );
    // 6 items in 2 full pages: the total ends it without asking for an empty third page.
    assert_eq!(
        urls,
        [
            "/public_api/v1/pages/7/items?page_number=1&page_size=3",
            "/public_api/v1/pages/7/items?page_number=2&page_size=3"
        ]
    );
    assert_eq!(got, all);
}

#[test]
fn page_number_stops_on_short_page_without_total() {
    let all = items(7);
    let no_total = |u: &str| {
        let mut page: Page = serde_json::from_slice(&serve(&all, u).body).unwrap();
        page.total = None;
        respond(page)
    };
    let (urls, got) = drive(
        Paginator::new(ByPage {
            page_number: None,
            page_size: 3,
        }),
        no_total,
    );
    assert_eq!(urls.len(), 3);
    assert_eq!(got, all);
    // Exactly a multiple of the page size: an empty page ends it.
    let all = items(6);
    let no_total = |u: &str| {
        let mut page: Page = serde_json::from_slice(&serve(&all, u).body).unwrap();
        page.total = None;
        respond(page)
    };
    let (urls, got) = drive(
        Paginator::new(ByPage {
            page_number: None,
            page_size: 3,
        }),
        no_total,
    );
    assert_eq!(urls.len(), 3);
    assert_eq!(got, all);
}

#[test]
fn empty_first_page_ends_every_style() {
    let none: Vec<Item> = Vec::new();
    let (urls, got) = drive(
        Paginator::new(ByPage {
            page_number: None,
            page_size: 3,
        }),
        |u| serve(&none, u),
    );
    assert_eq!((urls.len(), got.len()), (1, 0));
    let (urls, got) = drive(Paginator::new(ByCursor::default()), |u| serve(&none, u));
    assert_eq!(urls, ["/public_api/v2/pages/7/items"]);
    assert!(got.is_empty());
    let (urls, got) = drive(Paginator::new(ByOffset::default()), |u| serve(&none, u));
    assert_eq!((urls.len(), got.len()), (1, 0));
    let (urls, got) = drive(Paginator::new(ByCount::default()), |u| serve(&none, u));
    assert_eq!((urls.len(), got.len()), (1, 0));
}

#[test]
fn cursor_transcript() {
    let all = items(7);
    let (urls, got) = drive(Paginator::new(ByCursor::default()), |u| serve(&all, u));
    assert_eq!(
        urls,
        [
            "/public_api/v2/pages/7/items",
            "/public_api/v2/pages/7/items?last_id=i2",
            "/public_api/v2/pages/7/items?last_id=i5",
            // A short page does not end a cursor list (the server may answer fewer than it
            // pages by); the empty page after it does.
            "/public_api/v2/pages/7/items?last_id=i6",
        ]
    );
    assert_eq!(got, all);
    // A full last page: the next cursor gives an empty page, which ends it.
    let all = items(6);
    let (urls, got) = drive(Paginator::new(ByCursor::default()), |u| serve(&all, u));
    assert_eq!(urls.len(), 3);
    assert_eq!(got, all);
}

#[test]
fn cursor_stops_when_the_cursor_is_missing_or_empty() {
    let all = items(9);
    for next in [None, Some(String::new())] {
        let server = |u: &str| {
            let mut page: Page = serde_json::from_slice(&serve(&all, u).body).unwrap();
            page.next = next.clone();
            respond(page)
        };
        let (urls, got) = drive(Paginator::new(ByCursor::default()), server);
        assert_eq!(urls.len(), 1);
        assert_eq!(got, all[..3]);
    }
}

#[test]
fn cursor_loop_is_cut() {
    // A server that always sends the same cursor: the second time it is seen the list ends.
    let all = items(9);
    let looping = |u: &str| {
        let mut page: Page = serde_json::from_slice(&serve(&all, u).body).unwrap();
        page.next = Some("i2".into());
        respond(page)
    };
    let (urls, got) = drive(Paginator::new(ByCursor::default()), looping);
    assert_eq!(
        urls,
        [
            "/public_api/v2/pages/7/items",
            "/public_api/v2/pages/7/items?last_id=i2"
        ]
    );
    assert_eq!(got, all[..6]);
    // A longer loop A -> B -> A is cut too.
    let pingpong = |u: &str| {
        let mut page: Page = serde_json::from_slice(&serve(&all, u).body).unwrap();
        page.next = Some(if q_str(u, "last_id").as_deref() == Some("i2") {
            "i5".into()
        } else {
            "i2".into()
        });
        respond(page)
    };
    let (urls, _) = drive(Paginator::new(ByCursor::default()), pingpong);
    assert_eq!(urls.len(), 3);
}

#[test]
fn offset_and_count_transcripts() {
    let all = items(7);
    let (urls, got) = drive(Paginator::new(ByOffset::default()), |u| serve(&all, u));
    assert_eq!(
        urls,
        [
            "/public_api/v1/pages/7/export?offset=0",
            "/public_api/v1/pages/7/export?offset=3",
            "/public_api/v1/pages/7/export?offset=6"
        ]
    );
    assert_eq!(got, all);
    let all = items(6);
    let (urls, got) = drive(Paginator::new(ByCount::default()), |u| serve(&all, u));
    assert_eq!(
        urls,
        [
            "/public_api/v1/pages/7/messages?current_count=0",
            "/public_api/v1/pages/7/messages?current_count=3",
            "/public_api/v1/pages/7/messages?current_count=6"
        ]
    );
    assert_eq!(got, all);
}

#[test]
fn items_shifting_between_pages_are_not_repeated() {
    // A new item arrives at the top after the first page: everything moves down by one, so the
    // last item of page 1 is the first of page 2.
    let all = items(6);
    let shifted: Vec<Item> = std::iter::once(Item {
        id: Some("new".into()),
        t: 2000,
    })
    .chain(all.iter().cloned())
    .collect();
    let server = |u: &str| {
        if q_num(u, "page_number") == Some(1) {
            serve(&all, u)
        } else {
            serve(&shifted, u)
        }
    };
    let mut p = Paginator::new(ByPage {
        page_number: None,
        page_size: 3,
    });
    let mut got = Vec::new();
    while let Some(req) = p.next_request(&ctx()).unwrap() {
        got.extend(p.handle_response(&server(&req.url)).unwrap());
    }
    assert_eq!(ids(&got), ["i0", "i1", "i2", "i3", "i4", "i5"]);
    // Same with offsets.
    let server = |u: &str| {
        if q_num(u, "offset") == Some(0) {
            serve(&all, u)
        } else {
            serve(&shifted, u)
        }
    };
    let (_, got) = drive(Paginator::new(ByOffset::default()), server);
    assert_eq!(ids(&got), ["i0", "i1", "i2", "i3", "i4", "i5"]);
}

#[test]
fn a_failed_response_changes_nothing() {
    let all = items(5);
    let mut p = Paginator::new(ByPage {
        page_number: None,
        page_size: 3,
    });
    let first = p.next_request(&ctx()).unwrap().unwrap();
    let token = p.resume_token();
    for bad in [
        HttpResponse::new(503, "<html>busy</html>"),
        HttpResponse::new(200, r#"{"success":false,"error_code":102,"message":"x"}"#),
        HttpResponse::new(200, "not json"),
    ] {
        assert!(p.handle_response(&bad).is_err());
        assert_eq!(p.resume_token(), token);
        assert_eq!(p.next_request(&ctx()).unwrap().unwrap(), first);
    }
    let got = p.handle_response(&serve(&all, &first.url)).unwrap();
    assert_eq!(got, all[..3]);
}

#[test]
fn validation_errors_surface_from_next_request() {
    let p = Paginator::new(ByPage {
        page_number: None,
        page_size: 0,
    });
    let err = p.next_request(&ctx()).unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { ref field, .. } if field == "page_size"));
}

#[test]
fn handling_after_the_end_is_an_error() {
    let none: Vec<Item> = Vec::new();
    let mut p = Paginator::new(ByOffset::default());
    let req = p.next_request(&ctx()).unwrap().unwrap();
    p.handle_response(&serve(&none, &req.url)).unwrap();
    assert!(p.next_request(&ctx()).unwrap().is_none());
    assert!(p.handle_response(&serve(&none, &req.url)).is_err());
}

#[test]
fn bad_resume_tokens_name_resume() {
    let p = Paginator::new(ByOffset::default());
    let offset_token = p.resume_token();
    for token in ["", "!!!", "e30", offset_token.as_str()] {
        let err = Paginator::resume(ByCursor::default(), token).unwrap_err();
        assert!(
            matches!(err, Error::InvalidRequest { ref field, .. } if field == "resume"),
            "{token}: {err:?}"
        );
    }
    // Offset and count share the position type but not the style.
    assert!(Paginator::resume(ByCount::default(), &offset_token).is_err());
    assert!(Paginator::resume(ByOffset::default(), &offset_token).is_ok());
    // A plain token is not a windowed one, and the other way round.
    let w = WindowedPaginator::new(ByWindow {
        since: 0,
        until: 10,
        page_number: None,
    });
    assert!(WindowedPaginator::resume(
        ByWindow {
            since: 0,
            until: 10,
            page_number: None
        },
        &p.resume_token()
    )
    .is_err());
    assert!(Paginator::resume(ByOffset::default(), &w.resume_token()).is_err());
}

#[test]
fn tokens_are_url_safe_and_stable() {
    let all = items(5);
    let mut p = Paginator::new(ByCursor::default());
    let req = p.next_request(&ctx()).unwrap().unwrap();
    p.handle_response(&serve(&all, &req.url)).unwrap();
    let token = p.resume_token();
    assert!(token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    let again = Paginator::resume(ByCursor::default(), &token).unwrap();
    assert_eq!(again.resume_token(), token);
    assert_eq!(again.state(), p.state());
}

#[test]
fn windows_newest_first_without_gaps_or_overlap() {
    // Items at every 7 seconds over [0, 350]; windows of 100 seconds.
    let all: Vec<Item> = (0..=50)
        .rev()
        .map(|i| Item {
            id: Some(format!("c{i}")),
            t: i * 7,
        })
        .collect();
    let mut w = WindowedPaginator::new(ByWindow {
        since: 0,
        until: 350,
        page_number: None,
    });
    let mut windows = Vec::new();
    let mut got = Vec::new();
    while let Some(req) = w.next_request(&ctx()).unwrap() {
        let win = (
            q_num(&req.url, "since").unwrap(),
            q_num(&req.url, "until").unwrap(),
        );
        if windows.last() != Some(&win) {
            windows.push(win);
        }
        got.extend(w.handle_response(&serve(&all, &req.url)).unwrap());
    }
    assert_eq!(windows, [(250, 350), (149, 249), (48, 148), (0, 47)]);
    assert_eq!(got, all);
}

#[test]
fn windowed_validation_and_empty_windows() {
    let none: Vec<Item> = Vec::new();
    let mut w = WindowedPaginator::new(ByWindow {
        since: 0,
        until: 250,
        page_number: None,
    });
    let mut n = 0;
    while let Some(req) = w.next_request(&ctx()).unwrap() {
        n += 1;
        assert!(w
            .handle_response(&serve(&none, &req.url))
            .unwrap()
            .is_empty());
    }
    assert_eq!(n, 3);
    let w = WindowedPaginator::new(ByWindow {
        since: 10,
        until: 5,
        page_number: None,
    });
    let err = w.next_request(&ctx()).unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { ref field, .. } if field == "until"));
}

#[test]
fn dyn_paginator_pages_json() {
    let all = items(4);
    let mut p = DynPaginator::from_params::<ByOffset>(&json!({}), None).expect("params are valid");
    let mut got: Vec<Value> = Vec::new();
    let mut first_token = None;
    while let Some(req) = p.next_request(&ctx()).unwrap() {
        got.extend(p.handle_response(&serve(&all, &req.url)).unwrap());
        first_token.get_or_insert_with(|| p.resume_token());
    }
    assert_eq!(
        got,
        serde_json::to_value(&all)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    );
    // Resuming by token through the same entry point.
    let mut p = DynPaginator::from_params::<ByOffset>(&json!({}), first_token.as_deref()).unwrap();
    let req = p.next_request(&ctx()).unwrap().unwrap();
    assert_eq!(short(&req.url), "/public_api/v1/pages/7/export?offset=3");
    assert_eq!(p.handle_response(&serve(&all, &req.url)).unwrap().len(), 1);
    assert!(p.is_done());
    // Unknown parameters are named.
    let err = DynPaginator::from_params::<ByOffset>(&json!({"ofset": 1}), None).unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { ref field, .. } if field == "ofset"));
    let err =
        DynPaginator::windowed_from_params::<ByWindow>(&json!({"since": 1}), None).unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { ref field, .. } if field == "until"));
}

#[test]
fn dyn_paginator_clone_is_independent() {
    // A binding fetches ahead on a copy: advancing the copy leaves the original (and its
    // resume tokens) exactly where it was, and adopting the copy continues from there.
    let all = items(4);
    let mut p = DynPaginator::from_params::<ByOffset>(&json!({}), None).unwrap();
    let req = p.next_request(&ctx()).unwrap().unwrap();
    p.handle_response(&serve(&all, &req.url)).unwrap();
    let (token, after_one, url) = (
        p.resume_token(),
        p.resume_token_after(1),
        p.next_request(&ctx()).unwrap().unwrap().url,
    );
    let mut ahead = p.clone();
    let req = ahead.next_request(&ctx()).unwrap().unwrap();
    let next = ahead.handle_response(&serve(&all, &req.url)).unwrap();
    assert!(!next.is_empty());
    assert_ne!(ahead.resume_token(), token);
    assert_eq!(p.resume_token(), token);
    assert_eq!(p.resume_token_after(1), after_one);
    assert_eq!(p.next_request(&ctx()).unwrap().unwrap().url, url);
    let p = ahead;
    assert_ne!(p.next_request(&ctx()).unwrap().map(|r| r.url), Some(url));
}

// ---------------------------------------------------------------------------------------------
// Resume anywhere: nothing missed, nothing repeated

/// Which list to page in the property test.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Page(u32),
    Cursor,
    Offset,
    Count,
    Window,
}

fn start(kind: Kind, token: Option<&str>) -> DynPaginator {
    let t = token;
    match kind {
        Kind::Page(size) => {
            DynPaginator::from_params::<ByPage>(&json!({"page_size": size}), t).unwrap()
        }
        Kind::Cursor => DynPaginator::from_params::<ByCursor>(&json!({}), t).unwrap(),
        Kind::Offset => DynPaginator::from_params::<ByOffset>(&json!({}), t).unwrap(),
        Kind::Count => DynPaginator::from_params::<ByCount>(&json!({}), t).unwrap(),
        Kind::Window => {
            DynPaginator::windowed_from_params::<ByWindow>(&json!({"since": 0, "until": 1000}), t)
                .unwrap()
        }
    }
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        (1u32..5).prop_map(Kind::Page),
        Just(Kind::Cursor),
        Just(Kind::Offset),
        Just(Kind::Count),
        Just(Kind::Window),
    ]
}

proptest! {
    /// Stops after a random number of items of a random batch (or after a whole page), takes
    /// a token, resumes from it in a fresh paginator, and repeats: the items read are exactly
    /// the list, in order. Items without keys (paging styles that do not need them) are
    /// skipped by count.
    #[test]
    fn resume_anywhere_gives_the_same_sequence(
        kind in kind(),
        n in 0usize..20,
        keyless in any::<bool>(),
        stops in proptest::collection::vec((any::<bool>(), any::<u8>()), 0..40),
    ) {
        let keyless = keyless && matches!(kind, Kind::Page(_) | Kind::Offset | Kind::Count);
        let all: Vec<Item> = (0..n)
            .map(|i| Item {
                id: (!keyless).then(|| format!("i{i}")),
                t: 990 - 45 * i as i64,
            })
            .collect();
        let mut p = start(kind, None);
        let mut got: Vec<Value> = Vec::new();
        let mut stops = stops.into_iter();
        let mut requests = 0;
        while let Some(req) = p.next_request(&ctx()).unwrap() {
            requests += 1;
            prop_assert!(requests < 200, "runaway");
            let batch = p.handle_response(&serve(&all, &req.url)).unwrap();
            match stops.next() {
                Some((true, at)) => {
                    let consumed = usize::from(at) % (batch.len() + 1);
                    got.extend(batch.into_iter().take(consumed));
                    let token = p.resume_token_after(consumed);
                    p = start(kind, Some(&token));
                }
                _ => got.extend(batch),
            }
        }
        prop_assert_eq!(got, serde_json::to_value(&all).unwrap().as_array().unwrap().clone());
    }
}

// ---------------------------------------------------------------------------------------------
// Pagination vectors: an operation, its parameters and a transcript of pages, driven through
// `operations::paginate` (JSON in, JSON items out), as the bindings drive it.
//
// `tests/vectors/pagination.json` (shared with Python and JavaScript, real list operations)
// must exist and is always run; `core/tests/pagination_test_ops.json` uses the test-only endpoints of
// this file (operation names starting with `test.`), so the runner itself is exercised.
//
// A case: {name, operation, context, params, resume?, steps: [{expect_request_url,
// response: {status, headers?, body}, expect_items_keys | expect_error: {kind},
// resume_here?}], expect_done, key_field?}. `body` is JSON, or a string sent as is.
// `expect_items_keys` lists the key field (default `id`) of each item handed out, as text.
// `resume_here` takes a resume token after the step and continues from a fresh paginator.

use pancake_core::operations::{self, StartPaginator};

fn local_op(name: &str) -> Option<StartPaginator> {
    Some(match name {
        "test.by_page" => DynPaginator::from_params::<ByPage>,
        "test.by_cursor" => DynPaginator::from_params::<ByCursor>,
        "test.by_offset" => DynPaginator::from_params::<ByOffset>,
        "test.by_count" => DynPaginator::from_params::<ByCount>,
        "test.by_window" => DynPaginator::windowed_from_params::<ByWindow>,
        _ => return None,
    })
}

fn start_op(name: &str, params: &Value, resume: Option<&str>) -> Result<DynPaginator> {
    match local_op(name) {
        Some(start) => start(params, resume),
        None => operations::paginate(name, params, resume),
    }
}

fn vector_context(v: &Value) -> Context {
    let mut ctx = Context::default();
    if let Some(url) = v.get("base_url").and_then(Value::as_str) {
        ctx = ctx.with_base_url(url);
    }
    ctx.page_id = v.get("page_id").and_then(Value::as_str).map(str::to_owned);
    ctx.page_access_token = v
        .get("page_access_token")
        .and_then(Value::as_str)
        .map(pancake_core::Secret::new);
    ctx.access_token = v
        .get("access_token")
        .and_then(Value::as_str)
        .map(pancake_core::Secret::new);
    ctx
}

fn key_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn run_pagination_case(case: &Value) -> std::result::Result<(), String> {
    let name = case["name"].as_str().unwrap_or("?");
    let op = case["operation"].as_str().ok_or("no operation")?;
    let params = &case["params"];
    let ctx = vector_context(&case["context"]);
    let key_field = case["key_field"].as_str().unwrap_or("id");
    let mut p =
        start_op(op, params, case["resume"].as_str()).map_err(|e| format!("{name}: {e}"))?;
    for (i, step) in case["steps"]
        .as_array()
        .ok_or("no steps")?
        .iter()
        .enumerate()
    {
        let req = p
            .next_request(&ctx)
            .map_err(|e| format!("{name} step {i}: {e}"))?
            .ok_or_else(|| format!("{name} step {i}: the paginator ended early"))?;
        let want_url = step["expect_request_url"].as_str().unwrap_or_default();
        if req.url != want_url {
            return Err(format!(
                "{name} step {i}: url\n  got  {}\n  want {want_url}",
                req.url
            ));
        }
        let r = &step["response"];
        let body = match &r["body"] {
            Value::String(s) => s.clone().into_bytes(),
            other => serde_json::to_vec(other).unwrap(),
        };
        let mut response = HttpResponse::new(r["status"].as_u64().unwrap_or(200) as u16, body);
        for (k, v) in r["headers"].as_object().into_iter().flatten() {
            response = response.with_header(k, v.as_str().unwrap_or_default());
        }
        match (p.handle_response(&response), step.get("expect_error")) {
            (Err(e), Some(want)) => {
                if e.kind() != want["kind"].as_str().unwrap_or_default() {
                    return Err(format!("{name} step {i}: error {e:?}, want {want}"));
                }
            }
            (Err(e), None) => return Err(format!("{name} step {i}: {e}")),
            (Ok(items), Some(_)) => {
                return Err(format!("{name} step {i}: got {items:?}, expected an error"))
            }
            (Ok(items), None) => {
                let got: Vec<String> = items.iter().map(|it| key_text(&it[key_field])).collect();
                let want: Vec<String> = step["expect_items_keys"]
                    .as_array()
                    .ok_or_else(|| format!("{name} step {i}: no expect_items_keys"))?
                    .iter()
                    .map(key_text)
                    .collect();
                if got != want {
                    return Err(format!("{name} step {i}: items {got:?}, want {want:?}"));
                }
            }
        }
        if step["resume_here"].as_bool() == Some(true) {
            let token = p.resume_token();
            p = start_op(op, params, Some(&token)).map_err(|e| format!("{name} step {i}: {e}"))?;
        }
    }
    let done = p
        .next_request(&ctx)
        .map_err(|e| format!("{name}: {e}"))?
        .is_none();
    let want_done = case["expect_done"].as_bool().unwrap_or(true);
    if done != want_done || p.is_done() != want_done {
        return Err(format!("{name}: done = {done}, want {want_done}"));
    }
    Ok(())
}

fn run_pagination_file(path: &std::path::Path) -> Vec<String> {
    let text = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Value =
        serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cases = doc["cases"].as_array().expect("cases");
    assert!(!cases.is_empty(), "{}: no cases", path.display());
    cases
        .iter()
        .filter_map(|c| run_pagination_case(c).err())
        .collect()
}

#[test]
fn pagination_vectors() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut failures = run_pagination_file(&root.join("tests/pagination_test_ops.json"));
    failures.extend(run_pagination_file(
        &root.join("../tests/vectors/pagination.json"),
    ));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
