//! Runs the shared retry and rate-limit vectors (`tests/vectors/retry.json`,
//! `tests/vectors/ratelimit.json`) through the public API. Python and JavaScript run the same
//! files.

use std::path::PathBuf;

use pancake_core::ratelimit::{RateLimit, RateLimiter};
use pancake_core::retry::{Decision, RetryPolicy};
use pancake_core::{Error, HttpResponse, RetrySafety};
use serde_json::Value;

fn load(file: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(file);
    serde_json::from_slice(&std::fs::read(&path).expect("vector file exists"))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn outcome(v: &Value) -> Result<HttpResponse, Error> {
    match v.get("error").and_then(Value::as_str) {
        Some("timeout") => Err(Error::timeout("vector")),
        Some("connection") => Err(Error::connection(
            "vector",
            v["before_send"].as_bool().expect("before_send"),
        )),
        Some(other) => panic!("unknown error kind {other}"),
        None => {
            let mut r = HttpResponse::new(
                v["status"].as_u64().expect("status") as u16,
                v["body"].as_str().unwrap_or_default(),
            );
            for (name, value) in v["headers"].as_object().into_iter().flatten() {
                r = r.with_header(name, value.as_str().expect("header value"));
            }
            Ok(r)
        }
    }
}

#[test]
fn retry_vectors() {
    let doc = load("retry.json");
    let defaults: RetryPolicy = serde_json::from_value(doc["default_policy"].clone()).unwrap();
    assert_eq!(defaults, RetryPolicy::default(), "documented defaults");
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 20);
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let policy: RetryPolicy = match case.get("policy") {
            Some(p) => serde_json::from_value(p.clone()).unwrap(),
            None => RetryPolicy::default(),
        };
        let safety: RetrySafety = serde_json::from_value(case["safety"].clone()).unwrap();
        let got = policy.decide(
            case["attempt"].as_u64().unwrap() as u32,
            &outcome(&case["outcome"]),
            safety,
            case["jitter"].as_f64().unwrap(),
        );
        let want = match case["expect"]["decision"].as_str().unwrap() {
            "retry" => Decision::Retry {
                after_ms: case["expect"]["after_ms"].as_u64().unwrap(),
            },
            "give_up" => Decision::GiveUp,
            other => panic!("{name}: unknown decision {other}"),
        };
        if got != want {
            failures.push(format!("{name}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ratelimit_vectors() {
    let doc = load("ratelimit.json");
    let mut failures = Vec::new();
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let mut limiter = match case.get("limit") {
            None => RateLimiter::default(),
            Some(Value::Null) => RateLimiter::disabled(),
            Some(l) => RateLimiter::new(serde_json::from_value::<RateLimit>(l.clone()).unwrap()),
        };
        for (i, step) in case["steps"].as_array().unwrap().iter().enumerate() {
            let key = step["key"].as_str();
            match step["op"].as_str().unwrap() {
                "acquire" => {
                    let got = limiter.acquire(key, step["now_ms"].as_u64().unwrap());
                    let want = match &step["expect"] {
                        Value::String(s) if s == "ok" => Ok(()),
                        v => Err(v["wait_ms"].as_u64().expect("wait_ms")),
                    };
                    if got != want {
                        failures.push(format!("{name}, step {i}: got {got:?}, want {want:?}"));
                    }
                }
                "penalize" => limiter.penalize(key, step["until_ms"].as_u64().unwrap()),
                other => panic!("{name}: unknown op {other}"),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
