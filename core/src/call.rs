//! [`Call`]: one request driven through the rate limiter and the retry policy.
//!
//! A call returns instructions instead of performing them. A binding's whole driver is:
//!
//! ```
//! use pancake_core::call::{Action, Call};
//! use pancake_core::ratelimit::RateLimiter;
//! use pancake_core::retry::RetryPolicy;
//! use pancake_core::resources::tags::ListTags;
//! use pancake_core::{Context, Endpoint, HttpResponse};
//!
//! let request = ListTags::new().to_request(&Context::page("1", "t")).unwrap();
//! let mut limiter = RateLimiter::default();
//! let mut now_ms = 0; // the host's clock
//! let mut call = Call::new(request, RetryPolicy::default(), now_ms);
//! let mut statuses = vec![503, 200].into_iter(); // a fake server
//! let response = loop {
//!     match call.next(&mut limiter, now_ms, 0.5) {
//!         Action::Send(_request) => {
//!             call.on_response(HttpResponse::new(statuses.next().unwrap(), r#"{"tags":[]}"#))
//!         }
//!         Action::Wait { ms } => now_ms += ms, // the host sleeps
//!         Action::Done(result) => break result,
//!     }
//! };
//! assert_eq!(response.unwrap().status, 200);
//! assert_eq!(call.attempts(), 2);
//! ```
//!
//! A `429` pauses the whole page in the limiter (its `Retry-After`, or [`THROTTLE_PAUSE_MS`]),
//! so the other requests to that page wait too.

use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::ratelimit::RateLimiter;
use crate::retry::{Class, Decision, RetryPolicy};

/// How long a page is paused after a `429` that gave no `Retry-After`, in milliseconds (the
/// limit is counted per second).
pub const THROTTLE_PAUSE_MS: u64 = 1000;

/// What the host should do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Send this request, then pass the result to [`Call::on_response`] or [`Call::on_error`].
    Send(HttpRequest),
    /// Sleep this many milliseconds, then call [`Call::next`] again.
    Wait {
        /// How long to sleep.
        ms: u64,
    },
    /// The call is over: the last response received, whatever its status (parse it with the
    /// endpoint, which turns an error status into an [`Error`]), or the last transport error.
    Done(Result<HttpResponse, Error>),
}

#[derive(Debug, Clone)]
enum State {
    Ready { not_before_ms: u64 },
    InFlight,
    Received(Result<HttpResponse, Error>),
    Finished(Result<HttpResponse, Error>),
}

/// One request with its retries: a state machine on time passed in.
#[derive(Debug, Clone)]
pub struct Call {
    request: HttpRequest,
    policy: RetryPolicy,
    state: State,
    sends: u32,
    started_ms: u64,
}

impl Call {
    /// A call that may send `request` from `now_ms` on.
    pub fn new(request: HttpRequest, policy: RetryPolicy, now_ms: u64) -> Self {
        Self {
            request,
            policy,
            state: State::Ready {
                not_before_ms: now_ms,
            },
            sends: 0,
            started_ms: now_ms,
        }
    }

    /// The next thing to do at `now_ms`. `jitter` (uniform in `[0, 1)`) is used when a retry
    /// backoff has to be drawn.
    #[must_use = "perform the action"]
    pub fn next(&mut self, limiter: &mut RateLimiter, now_ms: u64, jitter: f64) -> Action {
        let key = self.request.rate_limit_key.clone();
        loop {
            match std::mem::replace(&mut self.state, State::InFlight) {
                State::Ready { not_before_ms } => {
                    if now_ms < not_before_ms {
                        self.state = State::Ready { not_before_ms };
                        return Action::Wait {
                            ms: not_before_ms - now_ms,
                        };
                    }
                    if let Err(ms) = limiter.acquire(key.as_deref(), now_ms) {
                        self.state = State::Ready { not_before_ms };
                        return Action::Wait { ms };
                    }
                    self.sends += 1;
                    return Action::Send(self.request.clone());
                }
                State::InFlight => {
                    return self.finish(Err(Error::invalid(
                        "call",
                        "next() was called before the result of the request in flight was fed back",
                    )));
                }
                State::Received(outcome) => {
                    let class = Class::of(&outcome);
                    if let Class::Throttled { retry_after_ms } = class {
                        let pause = retry_after_ms.map_or(THROTTLE_PAUSE_MS, |ms| {
                            ms.min(self.policy.max_retry_after_ms)
                        });
                        limiter.penalize(key.as_deref(), now_ms.saturating_add(pause));
                    }
                    let attempt = self.sends.saturating_sub(1);
                    match self.policy.decide_class(
                        attempt,
                        class,
                        self.request.retry_safety,
                        jitter,
                    ) {
                        Decision::Retry { after_ms } => {
                            self.state = State::Ready {
                                not_before_ms: now_ms.saturating_add(after_ms),
                            };
                        }
                        Decision::GiveUp => return self.finish(outcome),
                    }
                }
                State::Finished(outcome) => return self.finish(outcome),
            }
        }
    }

    fn finish(&mut self, outcome: Result<HttpResponse, Error>) -> Action {
        self.state = State::Finished(outcome.clone());
        Action::Done(outcome)
    }

    fn feed(&mut self, outcome: Result<HttpResponse, Error>) {
        self.state = match self.state {
            State::InFlight => State::Received(outcome),
            _ => State::Finished(Err(Error::invalid(
                "call",
                "a result was fed back while no request was in flight",
            ))),
        };
    }

    /// Feeds back the response to the request last sent.
    pub fn on_response(&mut self, response: HttpResponse) {
        self.feed(Ok(response));
    }

    /// Feeds back the transport error ([`Error::Connection`] or [`Error::Timeout`]) of the
    /// request last sent.
    pub fn on_error(&mut self, error: Error) {
        self.feed(Err(error));
    }

    /// How many times the request was sent.
    pub fn attempts(&self) -> u32 {
        self.sends
    }

    /// When the call started, as given to [`Call::new`].
    pub fn started_ms(&self) -> u64 {
        self.started_ms
    }

    /// Whether [`Action::Done`] was returned.
    pub fn is_done(&self) -> bool {
        matches!(self.state, State::Finished(_))
    }

    /// The request being sent.
    pub fn request(&self) -> &HttpRequest {
        &self.request
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{Body, Method, RetrySafety};

    fn request(safety: RetrySafety) -> HttpRequest {
        HttpRequest {
            method: Method::Post,
            url: "http://t/x".into(),
            headers: Vec::new(),
            body: Body::None,
            retry_safety: safety,
            rate_limit_key: Some("p".into()),
        }
    }

    /// Runs a call against scripted outcomes on a virtual clock; returns the send times and
    /// the final result.
    fn run(
        safety: RetrySafety,
        limiter: &mut RateLimiter,
        script: Vec<Result<HttpResponse, Error>>,
    ) -> (Vec<u64>, Result<HttpResponse, Error>, u64) {
        let mut now = 0;
        let mut call = Call::new(request(safety), RetryPolicy::default(), now);
        let mut script = script.into_iter();
        let mut sent = Vec::new();
        loop {
            match call.next(limiter, now, 0.5) {
                Action::Send(_) => {
                    sent.push(now);
                    match script.next().expect("more sends than scripted") {
                        Ok(r) => call.on_response(r),
                        Err(e) => call.on_error(e),
                    }
                }
                Action::Wait { ms } => {
                    assert!(ms > 0);
                    now += ms;
                }
                Action::Done(result) => return (sent, result, now),
            }
        }
    }

    #[test]
    fn gateway_errors_back_off_then_give_up() {
        let mut l = RateLimiter::default();
        let script = (0..4).map(|_| Ok(HttpResponse::new(503, ""))).collect();
        let (sent, result, _) = run(RetrySafety::Idempotent, &mut l, script);
        // Backoffs with jitter 0.5: 250, 500, 1000.
        assert_eq!(sent, [0, 250, 750, 1750]);
        assert_eq!(result.unwrap().status, 503);
    }

    #[test]
    fn writes_are_not_retried_after_a_timeout() {
        let mut l = RateLimiter::default();
        let (sent, result, _) = run(
            RetrySafety::NotIdempotent,
            &mut l,
            vec![Err(Error::timeout("slow"))],
        );
        assert_eq!(sent, [0]);
        assert_eq!(result.unwrap_err().kind(), "timeout");
        let (sent, result, _) = run(
            RetrySafety::NotIdempotent,
            &mut l,
            vec![
                Err(Error::connection("refused", true)),
                Ok(HttpResponse::new(200, "{}")),
            ],
        );
        assert_eq!(sent.len(), 2);
        assert!(result.is_ok());
    }

    #[test]
    fn throttling_pauses_the_whole_page() {
        let mut l = RateLimiter::default();
        let (sent, result, now) = run(
            RetrySafety::NotIdempotent,
            &mut l,
            vec![
                Ok(HttpResponse::new(429, "").with_header("Retry-After", "3")),
                Ok(HttpResponse::new(200, "{}")),
            ],
        );
        assert_eq!(sent, [0, 3000]);
        assert!(result.is_ok());
        // Another request to the same page right after waits on the pause's single token.
        assert_eq!(l.acquire(Some("p"), now), Err(200));
        // Without Retry-After the page pauses THROTTLE_PAUSE_MS.
        let mut l = RateLimiter::default();
        let (sent, _, _) = run(
            RetrySafety::Idempotent,
            &mut l,
            vec![
                Ok(HttpResponse::new(429, "")),
                Ok(HttpResponse::new(200, "{}")),
            ],
        );
        assert_eq!(sent, [0, THROTTLE_PAUSE_MS]);
    }

    #[test]
    fn the_limiter_spaces_sends() {
        let mut l = RateLimiter::default();
        let mut starts = Vec::new();
        for _ in 0..7 {
            let (sent, _, _) = run(
                RetrySafety::Idempotent,
                &mut l,
                vec![Ok(HttpResponse::new(200, "{}"))],
            );
            starts.push(sent[0]);
        }
        // Each run starts its clock at 0: the sixth and seventh wait for refills.
        assert_eq!(starts, [0, 0, 0, 0, 0, 200, 400]);
    }

    #[test]
    fn misuse_is_reported() {
        let mut l = RateLimiter::default();
        let mut call = Call::new(request(RetrySafety::Idempotent), RetryPolicy::default(), 0);
        assert!(matches!(call.next(&mut l, 0, 0.5), Action::Send(_)));
        let Action::Done(Err(e)) = call.next(&mut l, 0, 0.5) else {
            panic!()
        };
        assert_eq!(e.kind(), "invalid_request");
        assert!(call.is_done());
        let mut call = Call::new(request(RetrySafety::Idempotent), RetryPolicy::default(), 0);
        call.on_response(HttpResponse::new(200, "{}"));
        assert!(matches!(call.next(&mut l, 0, 0.5), Action::Done(Err(_))));
    }
}
