//! `tests/vectors/resume_after_stop.json`, driven through `operations::paginate` as the
//! bindings drive it, against an in-memory server that pages `records` customers the way the
//! mock does (`page_number`/`page_size`, `total`).
//!
//! Core has no loop to break out of: a stop is the caller no longer asking for items, and an
//! `abort` is the next page's request failing. What the bindings must get right on top (a
//! token read after `break`, `return()`, a throw or an abort) the Python and Node runners
//! check against the mock with the same cases.

use pancake_core::paginate::DynPaginator;
use pancake_core::{operations, Context, HttpResponse};
use serde_json::{json, Value};

fn vectors() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors/resume_after_stop.json");
    let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn query_num(url: &str, name: &str) -> usize {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
        .unwrap_or_else(|| panic!("{url}: no {name}"))
        .parse()
        .unwrap_or_else(|e| panic!("{url}: {name}: {e}"))
}

/// The server: page `page_number` of `records` customers, `page_size` at a time.
fn serve(records: usize, url: &str) -> HttpResponse {
    let number = query_num(url, "page_number");
    let size = query_num(url, "page_size");
    let customers: Vec<Value> = (1..=records)
        .skip((number - 1) * size)
        .take(size)
        .map(|i| json!({"id": format!("c-{i:04}"), "psid": format!("{i}"), "name": format!("Customer {i}")}))
        .collect();
    let body = json!({"success": true, "total": records, "customers": customers});
    HttpResponse::new(200, serde_json::to_vec(&body).unwrap())
}

/// One page at a time: fetches when the held page is used up, hands out `wanted` ids.
struct Reader {
    pager: DynPaginator,
    held: Vec<String>,
    consumed: usize,
}

impl Reader {
    fn new(op: &str, params: &Value, resume: Option<&str>) -> Self {
        let pager = operations::paginate(op, params, resume).expect("paginate");
        Self {
            pager,
            held: Vec::new(),
            consumed: 0,
        }
    }

    fn next(&mut self, ctx: &Context, records: usize) -> Option<String> {
        while self.consumed == self.held.len() {
            let request = self.pager.next_request(ctx).expect("next_request")?;
            let items = self
                .pager
                .handle_response(&serve(records, &request.url))
                .expect("handle_response");
            self.held = items
                .iter()
                .map(|c| c["id"].as_str().unwrap().to_owned())
                .collect();
            self.consumed = 0;
        }
        self.consumed += 1;
        Some(self.held[self.consumed - 1].clone())
    }

    fn rest(mut self, ctx: &Context, records: usize) -> Vec<String> {
        std::iter::from_fn(|| self.next(ctx, records)).collect()
    }
}

#[test]
fn resume_after_stop_vectors() {
    let doc = vectors();
    let op = doc["list"]["operation"].as_str().unwrap();
    let params = &doc["list"]["params"];
    let records = doc["records"].as_u64().unwrap() as usize;
    let ctx = Context::page("1234567890", "test-page-token");
    let full = Reader::new(op, params, None).rest(&ctx, records);
    assert_eq!(full.len(), records);
    let cases = doc["cases"].as_array().unwrap();
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let stop = case["stop_after"].as_u64().unwrap() as usize;
        let mut reader = Reader::new(op, params, None);
        let head: Vec<String> = (0..stop)
            .filter_map(|_| reader.next(&ctx, records))
            .collect();
        match case["how"].as_str().unwrap() {
            "break" | "return" | "throw" => {}
            "abort" => {
                // The next page was asked and its request failed: the state must not move.
                let request = reader
                    .pager
                    .next_request(&ctx)
                    .unwrap()
                    .expect("a next page");
                assert!(!request.url.is_empty());
                let failed = HttpResponse::new(503, b"{}".to_vec());
                assert!(reader.pager.handle_response(&failed).is_err(), "{name}");
            }
            other => panic!("{name}: unknown how {other}"),
        }
        let token = reader.pager.resume_token_after(reader.consumed);
        let rest = Reader::new(op, params, Some(&token)).rest(&ctx, records);
        let got: Vec<String> = head.into_iter().chain(rest).collect();
        if got != full {
            failures.push(format!("{name}: resumed list {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
