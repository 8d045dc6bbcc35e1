//! [`Driver`]: a whole list walk as one state machine on time passed in: the paginator, each
//! request's rate-limit waits and retries ([`Call`]), one page fetched ahead, and the resume
//! point after every page handed out.
//!
//! The machine has two faces, because a binding often runs them on two sides:
//! - the I/O side calls [`Driver::poll`] and does what it says: [`Step::Send`] a request and
//!   feed its outcome back with [`Driver::on_response`] under the same id, [`Step::Wait`],
//!   or rest on [`Step::Idle`] until something changes;
//! - the consumer side calls [`Driver::deliver`], which hands out the next page once it is in
//!   hand (moving the resume point past it) and otherwise records that a page is wanted.
//!
//! A single-threaded host runs both in one loop:
//!
//! ```
//! use pancake_core::driver::{Delivery, Driver, Step};
//! use pancake_core::ratelimit::RateLimiter;
//! use pancake_core::retry::RetryPolicy;
//! use pancake_core::{operations, Context, HttpResponse};
//! use serde_json::json;
//!
//! let paginator = operations::paginate("customers.list", &json!({"since": 1, "until": 2}), None).unwrap();
//! let mut driver = Driver::new(paginator, Context::page("1", "t"), RetryPolicy::default(), true);
//! let mut limiter = RateLimiter::default();
//! let mut now_ms = 0; // the host's clock
//! let body = r#"{"success":true,"total":1,"customers":[{"id":"c1","psid":"p1"}]}"#;
//! let page = loop {
//!     if let Some(delivery) = driver.deliver() {
//!         break delivery;
//!     }
//!     match driver.poll(&mut limiter, now_ms, 0.5) {
//!         Step::Send { id, request: _ } => driver.on_response(id, Ok(HttpResponse::new(200, body))),
//!         Step::Wait { ms } => now_ms += ms, // the host sleeps
//!         // Nothing in flight: the page (or why it failed) is in hand.
//!         Step::Idle | Step::Finished => {}
//!     }
//! };
//! let Delivery::Page(items) = page else { panic!("a page") };
//! assert_eq!(items.len(), 1);
//! assert!(matches!(driver.deliver(), Some(Delivery::End)));
//! ```
//!
//! Nothing is sent before the first page is wanted. With `prefetch`, once a page is handed out
//! the request for the one after it goes out at once (the next request only depends on the
//! state after this page), and its page waits in the driver until it is wanted; the resume
//! point moves only when a page is handed out, so a page fetched ahead and never collected
//! changes nothing.

use crate::call::{Action, Call};
use crate::context::Context;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::paginate::{DynPaginator, PageItems};
use crate::ratelimit::RateLimiter;
use crate::retry::RetryPolicy;

/// What the I/O side should do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Send this request, then pass its outcome to [`Driver::on_response`] with `id`.
    Send {
        /// Names this request's outcome when it is fed back.
        id: u64,
        /// What to send.
        request: HttpRequest,
    },
    /// Sleep this many milliseconds (or less, when something else happens), then poll again.
    Wait {
        /// How long to sleep.
        ms: u64,
    },
    /// Nothing to do until a response arrives or [`Driver::deliver`] wants a page.
    Idle,
    /// The list is exhausted and its last page fetched: nothing will ever be sent again.
    Finished,
}

/// What [`Driver::deliver`] hands out.
#[derive(Debug)]
pub enum Delivery {
    /// The next page's items; the resume point is now past them.
    Page(PageItems),
    /// The list is exhausted.
    End,
    /// The next page could not be had (the request was invalid, or its last attempt failed).
    /// Nothing moved: wanting a page again requests the same page anew.
    Failed(Error),
}

/// A request being driven through its call.
#[derive(Debug)]
struct Flight {
    id: u64,
    call: Call,
    /// Sent and waiting for its outcome.
    sent: bool,
}

/// A list walk: see the [module documentation](self).
#[derive(Debug)]
pub struct Driver {
    ctx: Context,
    policy: RetryPolicy,
    prefetch: bool,
    /// The paginator after the last page handed out: what resume tokens describe.
    handed: DynPaginator,
    /// The paginator after the last page fetched (`handed`, or one page ahead of it).
    fetched: DynPaginator,
    flight: Option<Flight>,
    /// A page fetched and not handed out yet.
    ready: Option<Result<PageItems, Error>>,
    /// The consumer waits for a page.
    wanted: bool,
    /// Fetch the page after the last one handed out without waiting to be asked.
    ahead: bool,
    next_id: u64,
}

impl Driver {
    /// A walk from `paginator`'s state, sending with `ctx`'s credentials and retrying by
    /// `policy`; with `prefetch`, one page is fetched ahead of the consumer.
    pub fn new(paginator: DynPaginator, ctx: Context, policy: RetryPolicy, prefetch: bool) -> Self {
        Self {
            ctx,
            policy,
            prefetch,
            handed: paginator.clone(),
            fetched: paginator,
            flight: None,
            ready: None,
            wanted: false,
            ahead: false,
            next_id: 0,
        }
    }

    /// The next thing the I/O side should do at `now_ms`. `jitter` (uniform in `[0, 1)`) is
    /// used when a retry backoff has to be drawn.
    #[must_use = "perform the step"]
    pub fn poll(&mut self, limiter: &mut RateLimiter, now_ms: u64, jitter: f64) -> Step {
        loop {
            if let Some(flight) = &mut self.flight {
                if flight.sent {
                    return Step::Idle;
                }
                match flight.call.next(limiter, now_ms, jitter) {
                    Action::Send(request) => {
                        flight.sent = true;
                        return Step::Send {
                            id: flight.id,
                            request,
                        };
                    }
                    Action::Wait { ms } => return Step::Wait { ms },
                    Action::Done(outcome) => {
                        self.flight = None;
                        let fetched = &mut self.fetched;
                        self.ready = Some(outcome.and_then(|r| fetched.handle_response_items(&r)));
                    }
                }
            }
            if self.ready.is_some() {
                return Step::Idle;
            }
            if self.fetched.is_done() {
                return Step::Finished;
            }
            if !(self.wanted || self.ahead) {
                return Step::Idle;
            }
            match self.fetched.next_request(&self.ctx) {
                Ok(Some(request)) => {
                    self.flight = Some(Flight {
                        id: self.next_id,
                        call: Call::new(request, self.policy, now_ms),
                        sent: false,
                    });
                    self.next_id += 1;
                }
                Ok(None) => return Step::Finished,
                Err(e) => self.ready = Some(Err(e)),
            }
        }
    }

    /// Feeds back the outcome of the request sent as `id`: its response whatever the status,
    /// or the transport's error ([`Error::Connection`], [`Error::Timeout`]). An outcome for a
    /// request the driver no longer waits for (see [`Driver::abandon`]) is ignored.
    pub fn on_response(&mut self, id: u64, outcome: Result<HttpResponse, Error>) {
        if let Some(flight) = self.flight.as_mut().filter(|f| f.id == id && f.sent) {
            flight.sent = false;
            match outcome {
                Ok(response) => flight.call.on_response(response),
                Err(error) => flight.call.on_error(error),
            }
        }
    }

    /// Hands out the next page when it is in hand; otherwise records that it is wanted (the
    /// next [`Driver::poll`] starts fetching it) and returns `None`.
    pub fn deliver(&mut self) -> Option<Delivery> {
        match self.ready.take() {
            Some(Ok(items)) => {
                self.handed = self.fetched.clone();
                self.wanted = false;
                self.ahead = self.prefetch;
                Some(Delivery::Page(items))
            }
            Some(Err(error)) => {
                self.wanted = false;
                self.ahead = false;
                Some(Delivery::Failed(error))
            }
            None if self.flight.is_none() && self.fetched.is_done() => Some(Delivery::End),
            None => {
                self.wanted = true;
                None
            }
        }
    }

    /// Gives up the request in flight or waiting (its caller went away, or aborted): an
    /// outcome fed back for it later is ignored, and the next page wanted is requested anew.
    pub fn abandon(&mut self) {
        self.flight = None;
        self.wanted = false;
        self.ahead = false;
    }

    /// A token that resumes right after the first `consumed` items of the last page handed
    /// out, or after all of them when `consumed` is `None`.
    pub fn resume_token(&self, consumed: Option<usize>) -> String {
        match consumed {
            Some(n) => self.handed.resume_token_after(n),
            None => self.handed.resume_token(),
        }
    }

    /// Whether the last page was handed out.
    pub fn is_done(&self) -> bool {
        self.handed.is_done()
    }
}
