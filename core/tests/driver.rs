//! The list driver against a small in-memory customers server: when it sends, what it
//! retries, what one page of prefetch does to the resume point, and how failures surface.

use pancake_core::driver::{Delivery, Driver, Step};
use pancake_core::ratelimit::RateLimiter;
use pancake_core::retry::RetryPolicy;
use pancake_core::{operations, Context, HttpRequest, HttpResponse};
use serde_json::{json, Value};

const TOTAL: usize = 5;

fn driver(prefetch: bool, resume: Option<&str>) -> Driver {
    let params = json!({"since": 1, "until": 2, "page_size": 2});
    let paginator = operations::paginate("customers.list", &params, resume).unwrap();
    Driver::new(
        paginator,
        Context::page("1", "t"),
        RetryPolicy::default(),
        prefetch,
    )
}

fn page_number(request: &HttpRequest) -> usize {
    let query = request.url.split_once('?').unwrap().1;
    url_param(query, "page_number").map_or(1, |n| n.parse().unwrap())
}

fn url_param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Page `n` (from 1) of `TOTAL` customers, two per page.
fn serve(request: &HttpRequest) -> HttpResponse {
    let n = page_number(request);
    let customers: Vec<Value> = (2 * (n - 1)..(2 * n).min(TOTAL))
        .map(|i| json!({"id": format!("c{i}"), "psid": format!("p{i}")}))
        .collect();
    let body = json!({"success": true, "total": TOTAL, "customers": customers});
    HttpResponse::new(200, body.to_string())
}

fn ids(items: &pancake_core::paginate::PageItems) -> Vec<String> {
    let items: Vec<Value> = serde_json::from_str(&items.to_text().unwrap()).unwrap();
    items
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

/// A single-threaded host: answers every send at once with `answer`, sleeps every wait;
/// returns the page and the page numbers sent meanwhile.
fn next_page(
    driver: &mut Driver,
    limiter: &mut RateLimiter,
    now_ms: &mut u64,
    answer: &mut dyn FnMut(&HttpRequest) -> Result<HttpResponse, pancake_core::Error>,
) -> (Delivery, Vec<usize>) {
    let mut sent = Vec::new();
    loop {
        if let Some(delivery) = driver.deliver() {
            return (delivery, sent);
        }
        match driver.poll(limiter, *now_ms, 0.5) {
            Step::Send { id, request } => {
                sent.push(page_number(&request));
                let outcome = answer(&request);
                driver.on_response(id, outcome);
            }
            Step::Wait { ms } => *now_ms += ms,
            // With every send answered at once, resting means the page is in hand.
            Step::Idle => {
                let delivery = driver.deliver().expect("idle while a page is wanted");
                return (delivery, sent);
            }
            Step::Finished => panic!("finished while a page is wanted"),
        }
    }
}

#[test]
fn nothing_is_sent_before_a_page_is_wanted() {
    let mut d = driver(true, None);
    assert_eq!(d.poll(&mut RateLimiter::default(), 0, 0.0), Step::Idle);
}

#[test]
fn walks_every_page_then_ends() {
    for prefetch in [false, true] {
        let (mut d, mut limiter, mut now) = (driver(prefetch, None), RateLimiter::default(), 0);
        let mut all = Vec::new();
        loop {
            match next_page(&mut d, &mut limiter, &mut now, &mut |r| Ok(serve(r))).0 {
                Delivery::Page(items) => all.extend(ids(&items)),
                Delivery::End => break,
                Delivery::Failed(e) => panic!("{e}"),
            }
        }
        assert_eq!(all, ["c0", "c1", "c2", "c3", "c4"], "prefetch {prefetch}");
        assert!(d.is_done());
        assert_eq!(d.poll(&mut limiter, now, 0.0), Step::Finished);
    }
}

#[test]
fn prefetch_sends_the_next_request_once_a_page_is_handed_out() {
    let mut limiter = RateLimiter::default();
    let mut d = driver(true, None);
    let (page, sent) = next_page(&mut d, &mut limiter, &mut 0, &mut |r| Ok(serve(r)));
    assert!(matches!(page, Delivery::Page(_)));
    assert_eq!(sent, [1]);
    let after_first = d.resume_token(None);
    // The request for page 2 goes out without being asked for.
    let Step::Send { id, request } = d.poll(&mut limiter, 0, 0.0) else {
        panic!("prefetch")
    };
    assert_eq!(page_number(&request), 2);
    assert_eq!(
        d.poll(&mut limiter, 0, 0.0),
        Step::Idle,
        "one request at a time"
    );
    d.on_response(id, Ok(serve(&request)));
    assert_eq!(
        d.poll(&mut limiter, 0, 0.0),
        Step::Idle,
        "one page ahead at most"
    );
    // The page fetched ahead moves nothing until it is handed out.
    assert_eq!(d.resume_token(None), after_first);
    let Some(Delivery::Page(items)) = d.deliver() else {
        panic!("the page fetched ahead")
    };
    assert_eq!(ids(&items), ["c2", "c3"]);
    assert_ne!(d.resume_token(None), after_first);
}

#[test]
fn without_prefetch_nothing_is_sent_between_pages() {
    let mut limiter = RateLimiter::default();
    let mut d = driver(false, None);
    next_page(&mut d, &mut limiter, &mut 0, &mut |r| Ok(serve(r)));
    assert_eq!(d.poll(&mut limiter, 0, 0.0), Step::Idle);
}

#[test]
fn a_failed_attempt_is_retried_after_a_wait() {
    let (mut d, mut limiter, mut now) = (driver(false, None), RateLimiter::default(), 0);
    let mut statuses = vec![503, 200].into_iter();
    let mut answer = |r: &HttpRequest| {
        let status = statuses.next().unwrap();
        Ok(if status == 200 {
            serve(r)
        } else {
            HttpResponse::new(status, "")
        })
    };
    let (page, sent) = next_page(&mut d, &mut limiter, &mut now, &mut answer);
    assert!(matches!(page, Delivery::Page(_)));
    assert_eq!(sent, [1, 1]);
    assert!(now > 0, "the retry waited");
}

#[test]
fn a_failure_moves_nothing_and_the_page_is_asked_for_anew() {
    let (mut d, mut limiter, mut now) = (driver(true, None), RateLimiter::default(), 0);
    next_page(&mut d, &mut limiter, &mut now, &mut |r| Ok(serve(r)));
    let token = d.resume_token(None);
    let (page, sent) = next_page(&mut d, &mut limiter, &mut now, &mut |_| {
        Ok(HttpResponse::new(
            400,
            r#"{"success":false,"message":"bad"}"#,
        ))
    });
    assert!(matches!(page, Delivery::Failed(_)), "{page:?}");
    assert_eq!(sent, [2]);
    assert_eq!(d.resume_token(None), token);
    // After a failure nothing is fetched ahead; wanting a page again asks for page 2.
    assert_eq!(d.poll(&mut limiter, now, 0.0), Step::Idle);
    let (page, sent) = next_page(&mut d, &mut limiter, &mut now, &mut |r| Ok(serve(r)));
    let Delivery::Page(items) = page else {
        panic!("{page:?}")
    };
    assert_eq!(
        (ids(&items), sent),
        (vec!["c2".to_owned(), "c3".to_owned()], vec![2])
    );
}

#[test]
fn abandoning_ignores_the_late_outcome_and_resends() {
    let mut limiter = RateLimiter::default();
    let mut d = driver(false, None);
    assert!(d.deliver().is_none());
    let Step::Send { id, request } = d.poll(&mut limiter, 0, 0.0) else {
        panic!("send")
    };
    d.abandon();
    d.on_response(id, Ok(serve(&request)));
    assert!(d.deliver().is_none(), "the late page is not handed out");
    let Step::Send { id: again, request } = d.poll(&mut limiter, 0, 0.0) else {
        panic!("resend")
    };
    assert_ne!(again, id);
    assert_eq!(page_number(&request), 1);
}

#[test]
fn resumes_where_a_token_points() {
    let (mut d, mut limiter, mut now) = (driver(false, None), RateLimiter::default(), 0);
    next_page(&mut d, &mut limiter, &mut now, &mut |r| Ok(serve(r)));
    let token = d.resume_token(Some(1));
    let mut d = driver(true, Some(&token));
    let (page, _) = next_page(&mut d, &mut limiter, &mut now, &mut |r| Ok(serve(r)));
    let Delivery::Page(items) = page else {
        panic!("{page:?}")
    };
    assert_eq!(ids(&items), ["c1"]);
}

#[test]
fn invalid_parameters_fail_the_first_page() {
    let params = json!({"since": 1, "until": 2, "page_size": 2});
    let paginator = operations::paginate("customers.list", &params, None).unwrap();
    // A page client without a page id cannot build the request.
    let mut d = Driver::new(paginator, Context::default(), RetryPolicy::default(), false);
    assert!(d.deliver().is_none());
    assert_eq!(d.poll(&mut RateLimiter::default(), 0, 0.0), Step::Idle);
    assert!(matches!(d.deliver(), Some(Delivery::Failed(_))));
}
