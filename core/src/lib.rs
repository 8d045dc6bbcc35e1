//! # pancake-core
//!
//! The sans-IO core of the Pancake (pages.fm / pancake.vn) API SDK.
//!
//! This crate never performs I/O, never sleeps, never reads the clock and never draws random
//! numbers. It turns typed parameters into plain [`http::HttpRequest`] values, turns
//! `(status, headers, body)` back into typed models or a typed [`Error`], and holds the
//! pagination, retry and rate-limit state machines that a transport drives. The bindings
//! (wasm for npm, pyo3 for Python) attach a transport and a sleep, nothing more.
//!
//! ```
//! use pancake_core::{Context, Endpoint};
//! use pancake_core::resources::tags::ListTags;
//!
//! let ctx = Context::page("1234567890", "fake-page-token");
//! let request = ListTags::new().to_request(&ctx).unwrap();
//! assert_eq!(request.method.as_str(), "GET");
//! // The token travels in the query string, but never in anything printed.
//! assert!(!format!("{request:?}").contains("fake-page-token"));
//! ```

pub mod call;
pub mod config;
pub mod context;
pub mod driver;
pub mod endpoint;
pub mod error;
pub mod http;
pub mod models;
pub mod normalize;
pub mod operation;
pub mod operations;
pub mod paginate;
pub mod params;
pub mod ratelimit;
pub mod redact;
pub mod resources;
pub mod response;
pub mod retry;
pub mod shape;
pub mod validate;
pub mod webhook;

pub use context::{Context, DEFAULT_BASE_URL};
pub use endpoint::Endpoint;
pub use error::{ApiErrorKind, Error, Result};
pub use http::{Body, Encoded, HttpRequest, HttpResponse, Method, RetrySafety};
pub use redact::Secret;
