//! The fetch transport: `host.js` sends and sleeps, core's [`Call`] (one request) or
//! [`Driver`](pancake_core::driver::Driver) (a list, in [`crate::pager`]) decides; every policy
//! lives in core.

use std::cell::{RefCell, RefMut};
use std::rc::Rc;

use js_sys::{Array, Reflect, Uint8Array};
use pancake_core::call::{Action, Call};
use pancake_core::config::{ClientConfig, Limiters};
use pancake_core::ratelimit::RateLimiter;
use pancake_core::retry::RetryPolicy;
use pancake_core::{Error, HttpRequest, HttpResponse};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/host.js")]
extern "C" {
    #[wasm_bindgen(js_name = nowMs)]
    fn now_ms() -> f64;
    #[wasm_bindgen(js_name = random)]
    fn random() -> f64;
    #[wasm_bindgen(catch, js_name = sleep)]
    async fn sleep(ms: f64, signal: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = fetchOnce)]
    async fn fetch_once(
        fetch: &JsValue,
        method: &str,
        url: &str,
        headers: Array,
        body: JsValue,
        timeout_ms: f64,
        signal: &JsValue,
    ) -> Result<JsValue, JsValue>;
}

/// The key a rejection carries when the caller's `AbortSignal` fired.
const ABORTED: &str = "__pancakeAborted";

thread_local! {
    /// The realm's rate limiters (core's registry).
    static LIMITERS: RefCell<Limiters<Rc<RefCell<RateLimiter>>>> =
        const { RefCell::new(Limiters::new()) };
}

/// The limiter of a rate, shared by every client of the JS realm, so clients of the same page
/// share that page's budget.
fn shared_limiter(requests_per_second: Option<u32>) -> Rc<RefCell<RateLimiter>> {
    LIMITERS.with(|all| {
        all.borrow_mut()
            .shared(requests_per_second, |l| Rc::new(RefCell::new(l)))
    })
}

/// The host's clock, in milliseconds.
pub fn clock() -> u64 {
    now_ms().max(0.0) as u64
}

/// A uniform draw in `[0, 1)`, for retry jitter.
pub fn jitter() -> f64 {
    random()
}

/// Sleeps `ms`; rejects with the caller's abort reason when `signal` aborts first.
pub async fn pause(ms: u64, signal: &JsValue) -> Result<(), JsValue> {
    sleep(ms as f64, signal)
        .await
        .map(drop)
        .map_err(unwrap_abort)
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// fetch (global or the caller's) plus the realm's shared rate limiter and a retry policy.
pub struct Transport {
    fetch: JsValue,
    timeout_ms: f64,
    limiter: Rc<RefCell<RateLimiter>>,
    policy: RetryPolicy,
}

impl Transport {
    /// A transport with the configured timeout per attempt, limiter and retries.
    pub fn new(fetch: JsValue, config: &ClientConfig) -> Self {
        Self {
            fetch,
            timeout_ms: config.timeout_ms as f64,
            limiter: shared_limiter(config.requests_per_second),
            policy: config.retry_policy(),
        }
    }

    /// The retry policy of this client.
    pub fn policy(&self) -> RetryPolicy {
        self.policy
    }

    /// The realm's limiter of this client's rate.
    pub fn limiter(&self) -> RefMut<'_, RateLimiter> {
        self.limiter.borrow_mut()
    }

    /// Sends `request` with rate limiting and retries; waits and sends stop when `signal`
    /// aborts. Rejects with a core error as a JS error, or with the abort reason.
    pub async fn execute(
        &self,
        request: HttpRequest,
        signal: &JsValue,
    ) -> Result<HttpResponse, JsValue> {
        let mut call = Call::new(request, self.policy, clock());
        loop {
            let action = call.next(&mut self.limiter(), clock(), random());
            match action {
                Action::Send(req) => match self.exchange(&req, signal).await? {
                    Ok(resp) => call.on_response(resp),
                    Err(e) => call.on_error(e),
                },
                Action::Wait { ms } => pause(ms, signal).await?,
                Action::Done(result) => return result.map_err(|e| crate::errors::to_js(&e)),
            }
        }
    }

    /// One HTTP exchange, no policy: the response or the failure classified for core, or
    /// (the outer error) the caller's abort reason.
    pub async fn exchange(
        &self,
        request: &HttpRequest,
        signal: &JsValue,
    ) -> Result<Result<HttpResponse, Error>, JsValue> {
        // 53 random bits: all an f64 draw holds.
        let encoded = request.encode((random() * 9_007_199_254_740_992.0) as u64);
        let headers = Array::new();
        for (name, value) in &encoded.headers {
            headers.push(&Array::of2(
                &JsValue::from_str(name),
                &JsValue::from_str(value),
            ));
        }
        let body: JsValue = match &encoded.body {
            None => JsValue::UNDEFINED,
            Some(bytes) => Uint8Array::from(bytes.as_slice()).into(),
        };
        let result = fetch_once(
            &self.fetch,
            request.method.as_str(),
            &request.url,
            headers,
            body,
            self.timeout_ms,
            signal,
        )
        .await;
        match result {
            Ok(resp) => Ok(Ok(response_from(&resp))),
            Err(e) => classify(e).map(Err),
        }
    }
}

fn response_from(resp: &JsValue) -> HttpResponse {
    let status = get(resp, "status").as_f64().unwrap_or(0.0) as u16;
    let headers = Array::from(&get(resp, "headers"))
        .iter()
        .map(|pair| {
            let pair = Array::from(&pair);
            (
                pair.get(0).as_string().unwrap_or_default(),
                pair.get(1).as_string().unwrap_or_default(),
            )
        })
        .collect();
    let body = Uint8Array::new(&get(resp, "body")).to_vec();
    HttpResponse {
        status,
        headers,
        body,
    }
}

fn unwrap_abort(e: JsValue) -> JsValue {
    if e.is_object() && Reflect::has(&e, &JsValue::from_str(ABORTED)).unwrap_or(false) {
        get(&e, ABORTED)
    } else {
        e
    }
}

/// A rejection of `fetchOnce` as a core error, or (the error) the caller's abort reason.
fn classify(e: JsValue) -> Result<Error, JsValue> {
    if e.is_object() && Reflect::has(&e, &JsValue::from_str(ABORTED)).unwrap_or(false) {
        return Err(get(&e, ABORTED));
    }
    let message = get(&e, "message")
        .as_string()
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "fetch failed".to_owned());
    match get(&e, "kind").as_string().as_deref() {
        Some("timeout") => Ok(Error::timeout(message)),
        _ => Ok(Error::connection(
            message,
            get(&e, "beforeSend").as_bool().unwrap_or(false),
        )),
    }
}
