//! `pancake-wasm`: the WebAssembly binding of pancake-core, wrapped by the npm package
//! `pancake-api`.
//!
//! It converts arguments, calls core and the fetch transport ([`transport`]), and converts
//! results; nothing else. Parameters and results cross as JSON text (one `JSON.stringify` on
//! the way in, one `JSON.parse` on the way out), so every name and validation rule is core's,
//! and the JSON a model came from is exactly what the server sent. Errors are thrown as real
//! JS `Error` objects carrying `kind`, `status`, `code`, ... ([`errors`]); the TypeScript layer
//! turns them into its `PancakeError` subclasses.
//!
//! Why JSON text rather than serde-wasm-bindgen objects (measured on 100 customers, 77 KB,
//! Node 20): JSON text + `JSON.parse` 3.9 ms, `Serializer::json_compatible()` 4.6 ms and
//! +1.5 KB gzipped. JSON text is faster, smaller, and keeps the server's key order.

mod errors;
mod pager;
mod transport;

use std::rc::Rc;

use pancake_core::config::{ClientConfig, ClientKind, Face};
use pancake_core::driver::Driver;
use pancake_core::{normalize, operations, Body, Context, Error, HttpResponse, Secret};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use errors::to_js;
use pager::Pager;
use transport::Transport;

fn parse_json(what: &str, text: &str) -> Result<Value, JsValue> {
    serde_json::from_str(text).map_err(|e| to_js(&Error::invalid(what, format!("not JSON: {e}"))))
}

fn core<T>(result: pancake_core::Result<T>) -> Result<T, JsValue> {
    result.map_err(|e| to_js(&e))
}

fn context_from(config: &Value) -> Context {
    let s = |k: &str| config.get(k).and_then(Value::as_str).map(str::to_owned);
    let mut ctx = Context::default();
    if let Some(url) = s("base_url") {
        ctx = ctx.with_base_url(url);
    }
    ctx.page_id = s("page_id");
    ctx.page_access_token = s("page_access_token").map(Secret::new);
    ctx.access_token = s("access_token").map(Secret::new);
    ctx
}

/// What a client and its pagers share.
struct Inner {
    ctx: Context,
    transport: Transport,
}

/// One operation built, sent and parsed (as one page of a list, with `page`): `request` and
/// `listPage` share this one future, so the module holds one copy of it.
async fn send(
    inner: Rc<Inner>,
    operation: String,
    params: String,
    signal: JsValue,
    page: bool,
) -> Result<JsValue, JsValue> {
    let params = parse_json("params", &params)?;
    let request = core(operations::build(&inner.ctx, &operation, &params))?;
    let response = inner.transport.execute(request, &signal).await?;
    let value = if page {
        operations::list_page(&operation, &params, &response)
    } else {
        operations::parse(&operation, &params, &response)
    };
    Ok(JsValue::from_str(&core(value)?.to_string()))
}

/// A configured client: context, transport and policies. Holds the tokens; never shows them.
#[wasm_bindgen]
pub struct Client {
    inner: Rc<Inner>,
    settings: String,
}

#[wasm_bindgen]
impl Client {
    /// A client of `kind` (`"page"` or `"user"`) from the options the user passed (JSON text,
    /// TypeScript's spelling: `pageId`, `timeoutMs`, ...) and the values of `envVars()` that
    /// are set (JSON text), with an optional `fetch` function (the global one otherwise): core
    /// reads, defaults and validates the options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        kind: &str,
        options: &str,
        env: &str,
        fetch: Option<js_sys::Function>,
    ) -> Result<Client, JsValue> {
        let kind = core(ClientKind::from_name(kind))?;
        let options = parse_json("options", options)?;
        let env = parse_json("env", env)?;
        let config = core(ClientConfig::read(kind, Face::TypeScript, &options, &env))?;
        let fetch = fetch.map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
        Ok(Client {
            inner: Rc::new(Inner {
                ctx: config.context.clone(),
                transport: Transport::new(fetch, &config),
            }),
            settings: config.to_json().to_string(),
        })
    }

    /// The settings core read from the options (JSON text, no tokens).
    pub fn settings(&self) -> String {
        self.settings.clone()
    }

    /// The base URL requests go to.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.inner.ctx.base_url.clone()
    }

    /// The page id, for a page client.
    #[wasm_bindgen(getter, js_name = pageId)]
    pub fn page_id(&self) -> Option<String> {
        self.inner.ctx.page_id.clone()
    }

    /// Builds, sends (with rate limiting and retries) and parses one operation; resolves to
    /// the parsed response as JSON text. `signal` is an optional `AbortSignal`.
    pub fn request(&self, operation: String, params: String, signal: JsValue) -> js_sys::Promise {
        future_to_promise(send(self.inner.clone(), operation, params, signal, false))
    }

    /// Sends one page of a list operation; resolves to
    /// `{"items": [...], "total": .., "next_cursor": .., "response": {...}}` as JSON text.
    #[wasm_bindgen(js_name = listPage)]
    pub fn list_page(&self, operation: String, params: String, signal: JsValue) -> js_sys::Promise {
        future_to_promise(send(self.inner.clone(), operation, params, signal, true))
    }

    /// A pager over a list operation, optionally resumed from a token; with `prefetch`
    /// (the default) it fetches one page ahead of the caller.
    pub fn paginate(
        &self,
        operation: &str,
        params: &str,
        resume: Option<String>,
        prefetch: Option<bool>,
    ) -> Result<Pager, JsValue> {
        let params = parse_json("params", params)?;
        let paginator = core(operations::paginate(operation, &params, resume.as_deref()))?;
        let driver = Driver::new(
            paginator,
            self.inner.ctx.clone(),
            self.inner.transport.policy(),
            prefetch.unwrap_or(true),
        );
        Ok(Pager::new(self.inner.clone(), driver))
    }
}

/// Builds the request of an operation without sending it (for tests and debugging); resolves
/// `{method, url, body, retry_safety}` as JSON text, the URL redacted unless `exposeSecrets`.
#[wasm_bindgen(js_name = buildRequest)]
pub fn build_request(
    context: &str,
    operation: &str,
    params: &str,
    expose_secrets: bool,
) -> Result<String, JsValue> {
    let ctx = context_from(&parse_json("context", context)?);
    let params = parse_json("params", params)?;
    let req = core(operations::build(&ctx, operation, &params))?;
    let body = match &req.body {
        Body::None => Value::Null,
        Body::Json(bytes) => serde_json::from_slice(bytes).unwrap_or(Value::Null),
        Body::Multipart(parts) => Value::Array(
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
    Ok(out.to_string())
}

/// Classifies and parses a raw response for an operation (for the shared vectors);
/// `headers` is a JSON array of `[name, value]` pairs.
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(
    operation: &str,
    params: &str,
    status: u16,
    headers: &str,
    body: &[u8],
) -> Result<String, JsValue> {
    let params = parse_json("params", params)?;
    let resp = HttpResponse {
        status,
        headers: headers_from(headers)?,
        body: body.to_vec(),
    };
    Ok(core(operations::parse(operation, &params, &resp))?.to_string())
}

fn headers_from(headers: &str) -> Result<Vec<(String, String)>, JsValue> {
    serde_json::from_str(headers).map_err(|e| {
        to_js(&Error::invalid(
            "headers",
            format!("not [name, value] pairs: {e}"),
        ))
    })
}

/// Classifies a raw response as core does before decoding it; throws the error, or returns
/// nothing for a success (for the shared vectors).
#[wasm_bindgen(js_name = checkResponse)]
pub fn check_response(status: u16, headers: &str, body: &[u8]) -> Result<(), JsValue> {
    let resp = HttpResponse {
        status,
        headers: headers_from(headers)?,
        body: body.to_vec(),
    };
    core(pancake_core::response::check(&resp))
}

/// Core's retry decision for one outcome (the shared vectors' JSON; the policy's fields one
/// by one, core's defaults where `undefined`): `after_ms` to retry after, or `-1` to give up.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = retryDecide)]
pub fn retry_decide(
    max_retries: Option<u32>,
    base_delay_ms: Option<f64>,
    max_delay_ms: Option<f64>,
    max_retry_after_ms: Option<f64>,
    attempt: u32,
    outcome: &str,
    safety: &str,
    jitter: f64,
) -> Result<f64, JsValue> {
    use pancake_core::retry::{Decision, RetryPolicy};
    use pancake_core::RetrySafety;
    let default = RetryPolicy::default();
    let policy = RetryPolicy {
        max_retries: max_retries.unwrap_or(default.max_retries),
        base_delay_ms: base_delay_ms.map_or(default.base_delay_ms, |ms| ms as u64),
        max_delay_ms: max_delay_ms.map_or(default.max_delay_ms, |ms| ms as u64),
        max_retry_after_ms: max_retry_after_ms.map_or(default.max_retry_after_ms, |ms| ms as u64),
    };
    // The names are core's (serde's): the one whose serialised name is `safety`.
    let safety = [RetrySafety::Idempotent, RetrySafety::NotIdempotent]
        .into_iter()
        .find(|s| {
            serde_json::to_value(s)
                .ok()
                .as_ref()
                .and_then(Value::as_str)
                == Some(safety)
        })
        .ok_or_else(|| to_js(&Error::invalid("safety", "unknown retry safety")))?;
    let outcome = pancake_core::retry::outcome_from_json(&parse_json("outcome", outcome)?);
    Ok(match policy.decide(attempt, &outcome, safety, jitter) {
        Decision::Retry { after_ms } => after_ms as f64,
        Decision::GiveUp => -1.0,
    })
}

/// Core's rate limiter on its own, for the shared vectors (clients share one per realm).
#[wasm_bindgen]
pub struct RateLimiterProbe {
    inner: pancake_core::ratelimit::RateLimiter,
}

#[wasm_bindgen]
impl RateLimiterProbe {
    /// A limiter of `requests_per_second` with `burst`, or disabled (both `undefined`).
    #[wasm_bindgen(constructor)]
    pub fn new(requests_per_second: Option<u32>, burst: Option<u32>) -> RateLimiterProbe {
        use pancake_core::ratelimit::{RateLimit, RateLimiter};
        let inner = match (requests_per_second, burst) {
            (Some(requests_per_second), Some(burst)) => RateLimiter::new(RateLimit {
                requests_per_second,
                burst,
            }),
            _ => RateLimiter::disabled(),
        };
        Self { inner }
    }

    /// `-1` when a request may go now (a token is taken), else the milliseconds to wait.
    pub fn acquire(&mut self, key: Option<String>, now_ms: f64) -> f64 {
        match self.inner.acquire(key.as_deref(), now_ms as u64) {
            Ok(()) => -1.0,
            Err(ms) => ms as f64,
        }
    }

    /// Pauses `key` until `until_ms` (after a 429).
    pub fn penalize(&mut self, key: Option<String>, until_ms: f64) {
        self.inner.penalize(key.as_deref(), until_ms as u64)
    }
}

/// A pager that sends nothing, for the shared pagination transcripts: `nextRequest` gives the
/// URL it would fetch, `feed` hands it a raw response.
#[wasm_bindgen]
pub struct OfflinePager {
    inner: pancake_core::paginate::DynPaginator,
}

#[wasm_bindgen]
impl OfflinePager {
    /// A pager over `operation` with JSON `params`, optionally from a resume token.
    #[wasm_bindgen(constructor)]
    pub fn new(
        operation: &str,
        params: &str,
        resume: Option<String>,
    ) -> Result<OfflinePager, JsValue> {
        let params = parse_json("params", params)?;
        let inner = core(operations::paginate(operation, &params, resume.as_deref()))?;
        Ok(Self { inner })
    }

    /// The URL of the next request (unredacted), or `undefined` at the end.
    #[wasm_bindgen(js_name = nextUrl)]
    pub fn next_url(&self, context: &str) -> Result<Option<String>, JsValue> {
        let ctx = context_from(&parse_json("context", context)?);
        Ok(core(self.inner.next_request(&ctx))?.map(|r| r.url))
    }

    /// Feeds a raw response; returns the new items as a JSON array.
    pub fn feed(&mut self, status: u16, headers: &str, body: &[u8]) -> Result<String, JsValue> {
        let resp = HttpResponse {
            status,
            headers: headers_from(headers)?,
            body: body.to_vec(),
        };
        Ok(Value::Array(core(self.inner.handle_response(&resp))?).to_string())
    }

    /// A token to continue after everything handed out so far.
    #[wasm_bindgen(js_name = resumeToken)]
    pub fn resume_token(&self) -> String {
        self.inner.resume_token()
    }

    /// Whether the list is exhausted.
    #[wasm_bindgen(js_name = isDone)]
    pub fn is_done(&self) -> bool {
        self.inner.is_done()
    }
}

/// Parses a webhook body into `{"kind", "dedup_key", "event"}` JSON text (the event exactly as
/// received; kind `other` for an unknown `event_type`), or throws a decode error.
#[wasm_bindgen(js_name = parseWebhook)]
pub fn parse_webhook(body: &[u8]) -> Result<String, JsValue> {
    let event = core(pancake_core::webhook::parse_webhook_value(body))?;
    Ok(serde_json::json!({
        "kind": event.kind,
        "dedup_key": event.dedup_key,
        "event": event.event,
    })
    .to_string())
}

/// The environment variables a client reads when an option is not given: pass the set ones to
/// `Client`.
#[wasm_bindgen(js_name = envVars)]
pub fn env_vars() -> Vec<String> {
    pancake_core::config::ENV_VARS
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
}

/// Every operation name core knows.
#[wasm_bindgen(js_name = operationNames)]
pub fn operation_names() -> Vec<String> {
    operations::all().map(|o| o.name.to_owned()).collect()
}

/// The parameter names an operation accepts.
#[wasm_bindgen(js_name = paramNames)]
pub fn param_names(operation: &str) -> Result<Vec<String>, JsValue> {
    Ok(core(operations::param_names(operation))?
        .iter()
        .map(|s| (*s).to_owned())
        .collect())
}

/// E.164 form of a phone number read in `region` (e.g. `VN`).
#[wasm_bindgen(js_name = normalizePhone)]
pub fn normalize_phone(raw: &str, region: Option<String>) -> Result<String, JsValue> {
    let region = region.as_deref().unwrap_or(normalize::DEFAULT_REGION);
    core(normalize::normalize_phone(raw, region))
}

/// Every phone number found in a text, in E.164.
#[wasm_bindgen(js_name = extractPhones)]
pub fn extract_phones(text: &str, region: Option<String>) -> Vec<String> {
    normalize::extract_phones(text, region.as_deref().unwrap_or(normalize::DEFAULT_REGION))
}

/// Unix microseconds of a timestamp in any shape the API uses (JSON text of the value).
#[wasm_bindgen(js_name = parseTimestampMicros)]
pub fn parse_timestamp_micros(value_json: &str) -> Result<f64, JsValue> {
    let value = parse_json("value", value_json)?;
    Ok(core(normalize::parse_timestamp(&value))?.unix_micros() as f64)
}

/// Unix microseconds of many timestamps at once (a JSON array of them): one call per page
/// of models instead of one per field. `NaN` where a value is not a timestamp.
#[wasm_bindgen(js_name = timestampsMicros)]
pub fn timestamps_micros(values_json: &str) -> Vec<f64> {
    let Ok(values) = serde_json::from_str::<Vec<Value>>(values_json) else {
        return Vec::new();
    };
    values
        .iter()
        .map(|v| {
            normalize::parse_timestamp(v)
                .map(|t| t.unix_micros() as f64)
                .unwrap_or(f64::NAN)
        })
        .collect()
}

/// Whether a model field of this name holds a timestamp.
#[wasm_bindgen(js_name = isTimestampField)]
pub fn is_timestamp_field(name: &str) -> bool {
    normalize::is_timestamp_field(name)
}

/// The avatar URL of a customer (no token; the server answers with a redirect).
#[wasm_bindgen(js_name = avatarUrl)]
pub fn avatar_url(page_id: &str, psid: &str) -> String {
    pancake_core::resources::avatar::avatar_url(page_id, psid)
}

/// Replaces token values in a text with `[REDACTED]`.
#[wasm_bindgen]
pub fn redact(text: &str) -> String {
    pancake_core::redact::redact_text(text)
}

/// The version of this binding (the workspace version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
