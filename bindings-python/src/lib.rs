//! `pancake_api._native`: the Python binding of pancake-core.
//!
//! It converts arguments, calls core and the blocking transport, and converts results; nothing
//! else. Parameters cross as JSON text (one `json.dumps` on the way in, one `json.loads` on the
//! way out), so every name and validation rule is core's. The pure-Python package
//! `pancake_api` wraps this module with typed resources, models and exceptions.

mod errors;
mod pager;
mod transport;

use pancake_core::config::{ClientConfig, ClientKind, Face};
use pancake_core::{normalize, operations, Context, Error, HttpResponse, Secret};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use serde_json::Value;

use pager::{offline_pager, Pager};
use transport::Transport;

fn parse_json(py: Python<'_>, what: &str, text: &str) -> PyResult<Value> {
    serde_json::from_str(text)
        .map_err(|e| errors::to_py(py, &Error::invalid(what, format!("not JSON: {e}"))))
}

fn parse_params(py: Python<'_>, params: &str) -> PyResult<Value> {
    parse_json(py, "params", params)
}

fn to_json(value: &Value) -> String {
    value.to_string()
}

/// A configured client: context, transport and policies. Holds the tokens; never prints them.
#[pyclass(module = "pancake_api._native", frozen)]
struct Client {
    ctx: Context,
    transport: Transport,
    /// Core's reading of the options, tokens left out (`ClientConfig::to_json`).
    settings: String,
}

#[pymethods]
impl Client {
    /// A client of `kind` (`"page"` or `"user"`) from the options the user passed (JSON text,
    /// Python's spelling) and the values of `env_vars()` that are set (JSON text): core reads,
    /// defaults and validates them.
    #[new]
    fn new(py: Python<'_>, kind: &str, options: &str, env: &str) -> PyResult<Self> {
        let kind = ClientKind::from_name(kind).map_err(|e| errors::to_py(py, &e))?;
        let options = parse_json(py, "options", options)?;
        let env = parse_json(py, "env", env)?;
        let config = ClientConfig::read(kind, Face::Python, &options, &env)
            .map_err(|e| errors::to_py(py, &e))?;
        Ok(Self {
            ctx: config.context.clone(),
            transport: Transport::new(&config),
            settings: config.to_json().to_string(),
        })
    }

    /// The settings core read from the options (JSON text, no tokens).
    fn settings(&self) -> &str {
        &self.settings
    }

    /// The base URL requests go to.
    #[getter]
    fn base_url(&self) -> &str {
        &self.ctx.base_url
    }

    /// The page id, for a page client.
    #[getter]
    fn page_id(&self) -> Option<&str> {
        self.ctx.page_id.as_deref()
    }

    /// Builds, sends (with rate limiting and retries) and parses one operation; returns the
    /// parsed response as JSON text.
    fn request(&self, py: Python<'_>, operation: &str, params: &str) -> PyResult<String> {
        let params = parse_params(py, params)?;
        let request =
            operations::build(&self.ctx, operation, &params).map_err(|e| errors::to_py(py, &e))?;
        let response = self.send(py, request)?;
        let value =
            operations::parse(operation, &params, &response).map_err(|e| errors::to_py(py, &e))?;
        Ok(to_json(&value))
    }

    /// Sends one page of a list operation; returns
    /// `{"items": [...], "total": .., "next_cursor": .., "response": {...}}` as JSON text.
    fn list_page(&self, py: Python<'_>, operation: &str, params: &str) -> PyResult<String> {
        let params = parse_params(py, params)?;
        let request =
            operations::build(&self.ctx, operation, &params).map_err(|e| errors::to_py(py, &e))?;
        let response = self.send(py, request)?;
        let value = operations::list_page(operation, &params, &response)
            .map_err(|e| errors::to_py(py, &e))?;
        Ok(to_json(&value))
    }

    /// A pager over a list operation, optionally resumed from a token.
    #[pyo3(signature = (operation, params, resume=None))]
    fn paginate(
        &self,
        py: Python<'_>,
        operation: &str,
        params: &str,
        resume: Option<&str>,
    ) -> PyResult<Pager> {
        Pager::start(py, &self.ctx, &self.transport, operation, params, resume)
    }

    fn __repr__(&self) -> String {
        format!(
            "Client(base_url={:?}, page_id={:?})",
            self.ctx.base_url, self.ctx.page_id
        )
    }
}

impl Client {
    fn send(&self, py: Python<'_>, request: pancake_core::HttpRequest) -> PyResult<HttpResponse> {
        match self.transport.execute(py, request) {
            Ok(resp) => Ok(resp),
            Err(Ok(py_err)) => Err(py_err),
            Err(Err(e)) => Err(errors::to_py(py, &e)),
        }
    }
}

fn context_from_json(py: Python<'_>, context: &str) -> PyResult<Context> {
    let c = parse_params(py, context)?;
    let s = |k: &str| c.get(k).and_then(Value::as_str).map(str::to_owned);
    let mut ctx = Context::default();
    if let Some(url) = s("base_url") {
        ctx = ctx.with_base_url(url);
    }
    ctx.page_id = s("page_id");
    ctx.page_access_token = s("page_access_token").map(Secret::new);
    ctx.access_token = s("access_token").map(Secret::new);
    Ok(ctx)
}

/// Builds the request of an operation without sending it (for tests and debugging); the URL
/// is returned redacted unless `expose_secrets` is true.
#[pyfunction]
#[pyo3(signature = (context, operation, params, expose_secrets=false))]
fn build_request(
    py: Python<'_>,
    context: &str,
    operation: &str,
    params: &str,
    expose_secrets: bool,
) -> PyResult<String> {
    let ctx = context_from_json(py, context)?;
    let params = parse_params(py, params)?;
    let req = operations::build(&ctx, operation, &params).map_err(|e| errors::to_py(py, &e))?;
    let body = match &req.body {
        pancake_core::Body::None => Value::Null,
        pancake_core::Body::Json(bytes) => serde_json::from_slice(bytes).unwrap_or(Value::Null),
        pancake_core::Body::Multipart(parts) => Value::Array(
            parts
                .iter()
                .map(|p| {
                    serde_json::json!({"name": p.name, "filename": p.filename,
                                       "content_type": p.content_type, "size": p.data.len()})
                })
                .collect(),
        ),
    };
    let out = serde_json::json!({
        "method": req.method.as_str(),
        "url": if expose_secrets { req.url.clone() } else { req.redacted_url() },
        "body": body,
        "retry_safety": req.retry_safety,
    });
    Ok(to_json(&out))
}

/// Classifies and parses a raw response for an operation (for the shared vectors).
#[pyfunction]
fn parse_response(
    py: Python<'_>,
    operation: &str,
    params: &str,
    status: u16,
    headers: Vec<(String, String)>,
    body: &[u8],
) -> PyResult<String> {
    let params = parse_params(py, params)?;
    let resp = HttpResponse {
        status,
        headers,
        body: body.to_vec(),
    };
    let value = operations::parse(operation, &params, &resp).map_err(|e| errors::to_py(py, &e))?;
    Ok(to_json(&value))
}

/// Classifies a raw response (`None` when it is a success); for the shared vectors.
#[pyfunction]
fn check_response(
    py: Python<'_>,
    status: u16,
    headers: Vec<(String, String)>,
    body: &[u8],
) -> PyResult<()> {
    let resp = HttpResponse {
        status,
        headers,
        body: body.to_vec(),
    };
    pancake_core::response::check(&resp).map_err(|e| errors::to_py(py, &e))
}

/// Core's retry decision for one outcome, as `(retry, after_ms)`; for the shared vectors.
/// `outcome` is the JSON of the vectors: `{status, headers, body}` or
/// `{error: "timeout" | "connection", before_send}`.
#[pyfunction]
fn retry_decide(
    py: Python<'_>,
    policy: &str,
    attempt: u32,
    outcome: &str,
    safety: &str,
    jitter: f64,
) -> PyResult<(bool, u64)> {
    use pancake_core::retry::{Decision, RetryPolicy};
    let bad = |e: serde_json::Error| PyValueError::new_err(e.to_string());
    let policy: RetryPolicy = serde_json::from_str(policy).map_err(bad)?;
    let safety: pancake_core::RetrySafety =
        serde_json::from_value(Value::String(safety.to_owned())).map_err(bad)?;
    let outcome = pancake_core::retry::outcome_from_json(&parse_params(py, outcome)?);
    Ok(match policy.decide(attempt, &outcome, safety, jitter) {
        Decision::Retry { after_ms } => (true, after_ms),
        Decision::GiveUp => (false, 0),
    })
}

/// Core's rate limiter, exposed for the shared vectors (the clients share one per process).
#[pyclass(module = "pancake_api._native")]
struct RateLimiter {
    inner: pancake_core::ratelimit::RateLimiter,
}

#[pymethods]
impl RateLimiter {
    /// A limiter with `limit` (`{"requests_per_second", "burst"}` JSON) or disabled (`None`).
    #[new]
    #[pyo3(signature = (limit=None))]
    fn new(limit: Option<&str>) -> PyResult<Self> {
        use pancake_core::ratelimit::{RateLimit, RateLimiter as Core};
        let inner = match limit {
            None => Core::disabled(),
            Some(text) => Core::new(
                serde_json::from_str::<RateLimit>(text)
                    .map_err(|e| PyValueError::new_err(e.to_string()))?,
            ),
        };
        Ok(Self { inner })
    }

    /// `None` when a request may go now (a token is taken), else the milliseconds to wait.
    #[pyo3(signature = (key, now_ms))]
    fn acquire(&mut self, key: Option<&str>, now_ms: u64) -> Option<u64> {
        self.inner.acquire(key, now_ms).err()
    }

    /// Pauses `key` until `until_ms` (after a 429).
    #[pyo3(signature = (key, until_ms))]
    fn penalize(&mut self, key: Option<&str>, until_ms: u64) {
        self.inner.penalize(key, until_ms)
    }
}

/// Every operation name core knows.
#[pyfunction]
fn operation_names() -> Vec<&'static str> {
    operations::all().map(|o| o.name).collect()
}

/// The parameter names an operation accepts.
#[pyfunction]
fn param_names(py: Python<'_>, operation: &str) -> PyResult<Vec<&'static str>> {
    operations::param_names(operation)
        .map(<[&str]>::to_vec)
        .map_err(|e| errors::to_py(py, &e))
}

/// Whether an operation is a paginated list.
#[pyfunction]
fn is_paginated(py: Python<'_>, operation: &str) -> PyResult<bool> {
    Ok(operations::find(operation)
        .map_err(|e| errors::to_py(py, &e))?
        .paginate
        .is_some())
}

/// E.164 form of a phone number (`region` defaults to core's `DEFAULT_REGION`).
#[pyfunction]
#[pyo3(signature = (raw, region=None))]
fn normalize_phone(py: Python<'_>, raw: &str, region: Option<&str>) -> PyResult<String> {
    let region = region.unwrap_or(normalize::DEFAULT_REGION);
    normalize::normalize_phone(raw, region).map_err(|e| errors::to_py(py, &e))
}

/// Every phone number found in a text, in E.164 (`region` as for `normalize_phone`).
#[pyfunction]
#[pyo3(signature = (text, region=None))]
fn extract_phones(text: &str, region: Option<&str>) -> Vec<String> {
    normalize::extract_phones(text, region.unwrap_or(normalize::DEFAULT_REGION))
}

/// Unix microseconds of a timestamp in any shape the API uses (JSON text of the value).
#[pyfunction]
fn parse_timestamp_micros(py: Python<'_>, value_json: &str) -> PyResult<i64> {
    let value = parse_params(py, value_json)?;
    normalize::parse_timestamp(&value)
        .map(|t| t.unix_micros())
        .map_err(|e| errors::to_py(py, &e))
}

/// Whether a model field of this name holds a timestamp.
#[pyfunction]
fn is_timestamp_field(name: &str) -> bool {
    normalize::is_timestamp_field(name)
}

/// The avatar URL of a customer (no token; the server answers with a redirect).
#[pyfunction]
fn avatar_url(page_id: &str, psid: &str) -> String {
    pancake_core::resources::avatar::avatar_url(page_id, psid)
}

/// Replaces token values in a text with `[REDACTED]`.
#[pyfunction]
fn redact(text: &str) -> String {
    pancake_core::redact::redact_text(text)
}

/// Parses a webhook body into `{"kind": ..., "event": {...}}` (the event exactly as received;
/// kind `other` for an unknown `event_type`), or raises `DecodeError`.
#[pyfunction]
fn parse_webhook(py: Python<'_>, body: &[u8]) -> PyResult<String> {
    let event =
        pancake_core::webhook::parse_webhook_value(body).map_err(|e| errors::to_py(py, &e))?;
    Ok(to_json(&serde_json::json!({
        "kind": event.kind,
        "dedup_key": event.dedup_key,
        "event": event.event,
    })))
}

/// The environment variables a client reads when an option is not given: pass the set ones to
/// `Client`.
#[pyfunction]
fn env_vars() -> Vec<&'static str> {
    pancake_core::config::ENV_VARS.to_vec()
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Client>()?;
    m.add_class::<Pager>()?;
    m.add_class::<pager::OfflinePager>()?;
    m.add_function(wrap_pyfunction!(build_request, m)?)?;
    m.add_function(wrap_pyfunction!(parse_response, m)?)?;
    m.add_function(wrap_pyfunction!(check_response, m)?)?;
    m.add_function(wrap_pyfunction!(retry_decide, m)?)?;
    m.add_function(wrap_pyfunction!(offline_pager, m)?)?;
    m.add_class::<RateLimiter>()?;
    m.add_function(wrap_pyfunction!(operation_names, m)?)?;
    m.add_function(wrap_pyfunction!(env_vars, m)?)?;
    m.add_function(wrap_pyfunction!(param_names, m)?)?;
    m.add_function(wrap_pyfunction!(is_paginated, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_phone, m)?)?;
    m.add_function(wrap_pyfunction!(extract_phones, m)?)?;
    m.add_function(wrap_pyfunction!(parse_timestamp_micros, m)?)?;
    m.add_function(wrap_pyfunction!(is_timestamp_field, m)?)?;
    m.add_function(wrap_pyfunction!(avatar_url, m)?)?;
    m.add_function(wrap_pyfunction!(redact, m)?)?;
    m.add_function(wrap_pyfunction!(parse_webhook, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_BASE_URL", pancake_core::DEFAULT_BASE_URL)?;
    Ok(())
}
