//! Retry policy: a pure decision from an outcome, the attempt number and a jitter value.
//!
//! Nothing here sleeps or draws random numbers: the caller passes `jitter` (uniform in
//! `[0, 1)`) and waits for the returned delay itself. `call::Call` wires this policy
//! and the rate limiter into one state machine.
//!
//! The rules:
//! - A [`RetrySafety::Idempotent`] request is retried on `429`, `502`, `503`, `504`, a timeout
//!   and any connection error.
//! - A [`RetrySafety::NotIdempotent`] request (it creates something) is retried only when it
//!   provably did nothing: a `429`, or a connection error with `before_send`.
//! - Never on `500` (the API answers some validation errors with 500), other `4xx`, a
//!   `success:false` answer, a decode error or an invalid request.
//! - The delay is the server's `Retry-After` when it sent one (capped at
//!   [`RetryPolicy::max_retry_after_ms`]), else exponential backoff with full jitter:
//!   `jitter × min(max_delay_ms, base_delay_ms × 2^attempt)`.

use crate::error::{ApiErrorKind, Error};
use crate::http::{HttpResponse, RetrySafety};
use crate::response;

/// How often and how long to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RetryPolicy {
    /// Retries after the first attempt (so at most `max_retries + 1` sends). 0 disables retry.
    pub max_retries: u32,
    /// The backoff ceiling of the first retry, in milliseconds.
    pub base_delay_ms: u64,
    /// The largest backoff ceiling, in milliseconds.
    pub max_delay_ms: u64,
    /// The longest `Retry-After` honoured, in milliseconds; a longer one is cut to this.
    pub max_retry_after_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base_delay_ms: 500,
            max_delay_ms: 20_000,
            max_retry_after_ms: 60_000,
        }
    }
}

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Send the request again after waiting `after_ms` milliseconds.
    Retry {
        /// How long to wait first.
        after_ms: u64,
    },
    /// Do not retry: the outcome stands (a success, or an error that retrying cannot fix, or
    /// the retries are spent).
    GiveUp,
}

/// What an outcome means for retrying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A success: nothing to retry.
    Success,
    /// `429`: the request was refused before doing anything.
    Throttled {
        /// The server's `Retry-After`, in milliseconds.
        retry_after_ms: Option<u64>,
    },
    /// `502`, `503`, `504` or a timeout: may have reached the server, may work next time.
    Transient {
        /// The server's `Retry-After`, in milliseconds.
        retry_after_ms: Option<u64>,
    },
    /// The connection failed; `before_send` when the request provably never left.
    Connection {
        /// Whether the request provably never left.
        before_send: bool,
    },
    /// Retrying cannot help (`500`, other `4xx`, `success:false`, decode, invalid request).
    Fatal,
}

impl Class {
    /// Classifies a transport outcome: a response (any status) or a transport error.
    pub fn of(outcome: &Result<HttpResponse, Error>) -> Self {
        match outcome {
            Ok(response) => match response::check(response) {
                Ok(()) => Class::Success,
                Err(e) => Class::of_error(&e),
            },
            Err(e) => Class::of_error(e),
        }
    }

    /// Classifies an error.
    pub fn of_error(error: &Error) -> Self {
        match error {
            Error::Api(e) => match (e.kind, e.status) {
                (ApiErrorKind::RateLimited, _) | (_, 429) => Class::Throttled {
                    retry_after_ms: e.retry_after_ms,
                },
                (_, 502..=504) => Class::Transient {
                    retry_after_ms: e.retry_after_ms,
                },
                _ => Class::Fatal,
            },
            Error::Timeout { .. } => Class::Transient {
                retry_after_ms: None,
            },
            Error::Connection { before_send, .. } => Class::Connection {
                before_send: *before_send,
            },
            _ => Class::Fatal,
        }
    }

    /// Whether a request of `safety` may be sent again after this outcome.
    pub fn retryable(self, safety: RetrySafety) -> bool {
        match (self, safety) {
            (Class::Success | Class::Fatal, _) => false,
            (Class::Throttled { .. }, _) => true,
            (Class::Connection { before_send }, RetrySafety::NotIdempotent) => before_send,
            (_, RetrySafety::Idempotent) => true,
            (Class::Transient { .. }, RetrySafety::NotIdempotent) => false,
        }
    }

    /// The server's `Retry-After`, if the outcome carried one.
    pub fn retry_after_ms(self) -> Option<u64> {
        match self {
            Class::Throttled { retry_after_ms } | Class::Transient { retry_after_ms } => {
                retry_after_ms
            }
            _ => None,
        }
    }
}

/// An attempt's outcome written as JSON, the way the shared retry vectors and the bindings'
/// conformance helpers write it: a response `{"status", "headers": {name: value}, "body"}`, or a
/// transport failure `{"error": "timeout" | "connection", "before_send": bool}`. The returned
/// `Result` is the outcome [`RetryPolicy::decide`] takes.
pub fn outcome_from_json(value: &serde_json::Value) -> Result<HttpResponse, Error> {
    use serde_json::Value;
    match value.get("error").and_then(Value::as_str) {
        Some("timeout") => Err(Error::timeout("timed out")),
        Some(_) => Err(Error::connection(
            "connection failed",
            value
                .get("before_send")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        )),
        None => Ok(HttpResponse {
            status: value["status"]
                .as_u64()
                .and_then(|s| u16::try_from(s).ok())
                .unwrap_or(0),
            headers: value["headers"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect(),
            body: value["body"]
                .as_str()
                .unwrap_or_default()
                .as_bytes()
                .to_vec(),
        }),
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn never() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Decides after attempt number `attempt` (0 for the first send, 1 for the first retry,
    /// ...) ended with `outcome`. `jitter` is uniform in `[0, 1)` (values outside are clamped).
    pub fn decide(
        &self,
        attempt: u32,
        outcome: &Result<HttpResponse, Error>,
        safety: RetrySafety,
        jitter: f64,
    ) -> Decision {
        self.decide_class(attempt, Class::of(outcome), safety, jitter)
    }

    /// [`RetryPolicy::decide`] for an already classified outcome.
    pub fn decide_class(
        &self,
        attempt: u32,
        class: Class,
        safety: RetrySafety,
        jitter: f64,
    ) -> Decision {
        if attempt >= self.max_retries || !class.retryable(safety) {
            return Decision::GiveUp;
        }
        let after_ms = match class.retry_after_ms() {
            Some(ms) => ms.min(self.max_retry_after_ms),
            None => self.backoff_ms(attempt, jitter),
        };
        Decision::Retry { after_ms }
    }

    /// The backoff before retry number `attempt + 1`: `jitter × min(max_delay_ms,
    /// base_delay_ms × 2^attempt)`, rounded down.
    pub fn backoff_ms(&self, attempt: u32, jitter: f64) -> u64 {
        let ceiling = self
            .base_delay_ms
            .saturating_mul(1u64.checked_shl(attempt).unwrap_or(u64::MAX))
            .min(self.max_delay_ms);
        let jitter = if jitter.is_nan() {
            0.0
        } else {
            jitter.clamp(0.0, 1.0)
        };
        ((ceiling as f64) * jitter).floor().min(ceiling as f64) as u64
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn outcomes_from_vector_json() {
        let resp = outcome_from_json(&serde_json::json!(
            {"status": 429, "headers": {"Retry-After": "2"}, "body": "x"}
        ))
        .unwrap();
        assert_eq!((resp.status, resp.header("retry-after")), (429, Some("2")));
        let err =
            outcome_from_json(&serde_json::json!({"error": "connection", "before_send": true}));
        assert!(matches!(
            err,
            Err(Error::Connection {
                before_send: true,
                ..
            })
        ));
        let err = outcome_from_json(&serde_json::json!({"error": "timeout"}));
        assert_eq!(err.unwrap_err().kind(), "timeout");
    }

    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Delays stay under their ceilings, and a write is only retried on a 429.
        #[test]
        fn decisions_stay_in_bounds(
            attempt in 0u32..80,
            status in 100u16..600,
            jitter in 0.0f64..1.0,
            retry_after in proptest::option::of(0u32..100_000),
            max_retries in 0u32..100,
        ) {
            let p = RetryPolicy { max_retries, ..RetryPolicy::default() };
            let mut r = HttpResponse::new(status, "");
            if let Some(s) = retry_after {
                r = r.with_header("Retry-After", s.to_string());
            }
            let outcome = Ok(r);
            if let Decision::Retry { after_ms } =
                p.decide(attempt, &outcome, RetrySafety::Idempotent, jitter)
            {
                prop_assert!(attempt < max_retries);
                prop_assert!([429, 502, 503, 504].contains(&status));
                if retry_after.is_some() {
                    prop_assert!(after_ms <= p.max_retry_after_ms);
                } else {
                    prop_assert!(after_ms <= p.max_delay_ms);
                    prop_assert!(after_ms <= p.base_delay_ms.saturating_mul(1 << attempt.min(63)));
                }
            }
            let write = p.decide(attempt, &outcome, RetrySafety::NotIdempotent, jitter);
            prop_assert!(write == Decision::GiveUp || status == 429);
        }
    }
    use RetrySafety::{Idempotent, NotIdempotent};

    fn status(s: u16) -> Result<HttpResponse, Error> {
        Ok(HttpResponse::new(s, ""))
    }

    #[test]
    fn backoff_is_full_jitter_and_capped() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff_ms(0, 0.5), 250);
        assert_eq!(p.backoff_ms(2, 0.999), 1998);
        assert_eq!(p.backoff_ms(10, 0.5), 10_000);
        assert_eq!(p.backoff_ms(200, 0.5), 10_000);
        assert_eq!(p.backoff_ms(1, 0.0), 0);
        assert_eq!(p.backoff_ms(1, f64::NAN), 0);
        assert_eq!(p.backoff_ms(1, 7.0), 1000);
    }

    #[test]
    fn what_is_retried() {
        let p = RetryPolicy::default();
        let retry = |o: &Result<HttpResponse, Error>, s| p.decide(0, o, s, 0.5) != Decision::GiveUp;
        for s in [429, 502, 503, 504] {
            assert!(retry(&status(s), Idempotent), "{s}");
        }
        for s in [200, 400, 401, 403, 404, 409, 422, 500, 501] {
            assert!(!retry(&status(s), Idempotent), "{s}");
        }
        assert!(retry(&status(429), NotIdempotent));
        assert!(!retry(&status(503), NotIdempotent));
        assert!(retry(&Err(Error::timeout("t")), Idempotent));
        assert!(!retry(&Err(Error::timeout("t")), NotIdempotent));
        assert!(retry(&Err(Error::connection("c", false)), Idempotent));
        assert!(!retry(&Err(Error::connection("c", false)), NotIdempotent));
        assert!(retry(&Err(Error::connection("c", true)), NotIdempotent));
        assert!(!retry(&Err(Error::invalid("x", "y")), Idempotent));
        let success_false = Ok(HttpResponse::new(200, r#"{"success":false}"#));
        assert!(!retry(&success_false, Idempotent));
    }

    #[test]
    fn retry_after_wins_and_is_capped() {
        let p = RetryPolicy::default();
        let r = Ok(HttpResponse::new(429, "").with_header("Retry-After", "2"));
        assert_eq!(
            p.decide(0, &r, NotIdempotent, 0.1),
            Decision::Retry { after_ms: 2000 }
        );
        let r = Ok(HttpResponse::new(503, "").with_header("Retry-After", "3600"));
        assert_eq!(
            p.decide(1, &r, Idempotent, 0.1),
            Decision::Retry { after_ms: 60_000 }
        );
        assert_eq!(p.decide(3, &r, Idempotent, 0.1), Decision::GiveUp);
        assert_eq!(
            RetryPolicy::never().decide(0, &r, Idempotent, 0.1),
            Decision::GiveUp
        );
    }
}
