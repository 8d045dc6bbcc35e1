//! The blocking transport: ureq sends, the core's [`Call`] decides. This is the one driver
//! loop of the Python binding (decide → wait → send → feed back); every policy lives in core.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use pancake_core::call::{Action, Call};
use pancake_core::config::{ClientConfig, Limiters};
use pancake_core::ratelimit::RateLimiter;
use pancake_core::retry::RetryPolicy;
use pancake_core::{Error, HttpRequest, HttpResponse, Method};
use pyo3::prelude::*;

/// How often a wait wakes up to let Python handle Ctrl-C.
pub const SIGNAL_POLL: Duration = Duration::from_millis(50);
/// The largest body we read (exports can be large).
const MAX_BODY: u64 = 256 * 1024 * 1024;

/// Milliseconds on a monotonic clock shared by every client of the process.
pub fn now_ms() -> u64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_millis() as u64
}

/// The process's rate limiters (core's registry), shared by every client in the process, so
/// threads syncing the same page share that page's budget.
pub fn shared_limiter(requests_per_second: Option<u32>) -> Arc<Mutex<RateLimiter>> {
    static LIMITERS: Mutex<Limiters<Arc<Mutex<RateLimiter>>>> = Mutex::new(Limiters::new());
    LIMITERS
        .lock()
        .unwrap()
        .shared(requests_per_second, |l| Arc::new(Mutex::new(l)))
}

/// A blocking HTTP client plus the process-wide rate limiter and a retry policy. A copy
/// shares the connection pool and the limiter.
#[derive(Clone)]
pub struct Transport {
    agent: ureq::Agent,
    limiter: Arc<Mutex<RateLimiter>>,
    policy: RetryPolicy,
}

impl Transport {
    /// A transport with a connection pool, the configured timeout per request and proxies from
    /// the environment (`HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`).
    pub fn new(config: &ClientConfig) -> Self {
        let timeout = Duration::from_millis(config.timeout_ms);
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .proxy(ureq::Proxy::try_from_env())
            .user_agent(concat!("pancake-api-python/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Self {
            agent,
            limiter: shared_limiter(config.requests_per_second),
            policy: config.retry_policy(),
        }
    }

    /// The retry policy calls through this transport follow.
    pub fn policy(&self) -> RetryPolicy {
        self.policy
    }

    /// Runs `job` on a worker thread and forgets it: the job ends by itself (a pager's walk
    /// ends when its pager goes).
    pub fn detach<F>(&self, job: F)
    where
        F: FnOnce(&Worker) + Send + 'static,
    {
        let worker = self.worker(Arc::new(AtomicBool::new(false)));
        run_on_worker_thread(Box::new(move || job(&worker)));
    }

    fn worker(&self, cancel: Arc<AtomicBool>) -> Worker {
        Worker {
            agent: self.agent.clone(),
            limiter: self.limiter.clone(),
            policy: self.policy,
            cancel,
        }
    }

    /// Sends `request` with rate limiting and retries, the GIL released while waiting.
    /// A Python exception (Ctrl-C) raised while waiting is returned as `Err(Ok(PyErr))`.
    pub fn execute(
        &self,
        py: Python<'_>,
        request: HttpRequest,
    ) -> Result<HttpResponse, Result<PyErr, Error>> {
        self.spawn(move |worker| worker.send(request))
            .wait(py)
            .map_err(Ok)?
            .map_err(Err)
    }

    /// Runs `job` on a worker thread and returns at once; [`Pending::wait`] collects its
    /// result. The job sends through the [`Worker`] it is given (rate limiting and retries
    /// included).
    pub fn spawn<T, F>(&self, job: F) -> Pending<T>
    where
        T: Send + 'static,
        F: FnOnce(&Worker) -> T + Send + 'static,
    {
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let worker = self.worker(cancel.clone());
        run_on_worker_thread(Box::new(move || {
            let _ = tx.send(job(&worker));
        }));
        Pending {
            rx: Some(rx),
            cancel,
        }
    }
}

type Job = Box<dyn FnOnce() + Send>;

/// How long an idle worker thread waits for a job before it exits.
const WORKER_IDLE: Duration = Duration::from_secs(30);

/// Runs `job` on an idle worker thread, or on a new one when none is idle. Threads are kept
/// for a while after their job: a sync hands out one job per page, and a fresh thread per
/// page (stack mapping, page faults) measurably slowed it down.
fn run_on_worker_thread(job: Job) {
    static IDLE: Mutex<Vec<mpsc::Sender<Job>>> = Mutex::new(Vec::new());
    let mut job = job;
    loop {
        let idle = IDLE.lock().unwrap_or_else(|e| e.into_inner()).pop();
        match idle {
            // A thread that just timed out has dropped its receiver: take the job back.
            Some(worker) => match worker.send(job) {
                Ok(()) => return,
                Err(mpsc::SendError(back)) => job = back,
            },
            None => break,
        }
    }
    std::thread::spawn(move || {
        let mut job = job;
        loop {
            job();
            let (tx, rx) = mpsc::channel();
            IDLE.lock().unwrap_or_else(|e| e.into_inner()).push(tx);
            match rx.recv_timeout(WORKER_IDLE) {
                Ok(next) => job = next,
                Err(_) => return,
            }
        }
    });
}

/// What a job on a worker thread sends with.
pub struct Worker {
    agent: ureq::Agent,
    limiter: Arc<Mutex<RateLimiter>>,
    policy: RetryPolicy,
    cancel: Arc<AtomicBool>,
}

impl Worker {
    /// The process's limiter of this transport's rate.
    pub fn limiter(&self) -> std::sync::MutexGuard<'_, RateLimiter> {
        self.limiter.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// One HTTP exchange, no policy: for a driver that decides the policy itself.
    pub fn exchange(&self, request: &HttpRequest) -> Result<HttpResponse, Error> {
        send(&self.agent, request)
    }

    /// The driver loop (decide → wait → send → feed back); every policy is core's [`Call`].
    /// Once the job is cancelled it stops before its next wait or send, as a connection
    /// error before sending.
    pub fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        let cancelled = || Error::connection("cancelled", true);
        let mut call = Call::new(request, self.policy, now_ms());
        loop {
            if self.cancel.load(Ordering::Relaxed) {
                return Err(cancelled());
            }
            let action = {
                let mut limiter = self.limiter.lock().unwrap();
                call.next(&mut limiter, now_ms(), fastrand::f64())
            };
            match action {
                Action::Send(req) => match send(&self.agent, &req) {
                    Ok(resp) => call.on_response(resp),
                    Err(e) => call.on_error(e),
                },
                Action::Wait { ms } => {
                    let deadline = Instant::now() + Duration::from_millis(ms);
                    loop {
                        let left = deadline.saturating_duration_since(Instant::now());
                        if left.is_zero() {
                            break;
                        }
                        if self.cancel.load(Ordering::Relaxed) {
                            return Err(cancelled());
                        }
                        std::thread::sleep(left.min(SIGNAL_POLL));
                    }
                }
                Action::Done(result) => return result,
            }
        }
    }
}

/// A job running on a worker thread. Dropping it before its result arrives cancels what has
/// not started yet (a rate-limit wait, a retry); a request already sent is not undone.
pub struct Pending<T> {
    rx: Option<mpsc::Receiver<T>>,
    cancel: Arc<AtomicBool>,
}

impl<T: Send> Pending<T> {
    /// Waits for the result with the GIL released, waking up often enough that Ctrl-C
    /// interrupts even a slow answer (the Python exception is returned and the job cancelled).
    pub fn wait(mut self, py: Python<'_>) -> PyResult<T> {
        let mut rx = self.rx.take().expect("a job is waited for once");
        loop {
            // The receiver is not `Sync`: move it into the GIL-free closure and back.
            let (got, back) = py.detach(move || (rx.recv_timeout(SIGNAL_POLL), rx));
            rx = back;
            match got {
                Ok(result) => return Ok(result),
                Err(mpsc::RecvTimeoutError::Timeout) => py.check_signals()?,
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(pyo3::exceptions::PyRuntimeError::new_err(
                        "the transport thread died",
                    ))
                }
            }
        }
    }
}

impl<T> Drop for Pending<T> {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// One HTTP exchange, no policy.
fn send(agent: &ureq::Agent, request: &HttpRequest) -> Result<HttpResponse, Error> {
    let method = match request.method {
        Method::Get => ureq::http::Method::GET,
        Method::Post => ureq::http::Method::POST,
        Method::Put => ureq::http::Method::PUT,
        Method::Delete => ureq::http::Method::DELETE,
        #[allow(unreachable_patterns)]
        _ => return Err(Error::connection("unsupported method", true)),
    };
    let mut builder = ureq::http::Request::builder()
        .method(method)
        .uri(&request.url);
    let encoded = request.encode(fastrand::u64(..));
    for (name, value) in &encoded.headers {
        builder = builder.header(name, value);
    }
    let body = encoded.body.unwrap_or_default();
    let req = builder
        .body(body)
        .map_err(|e| Error::connection(format!("invalid request: {e}"), true))?;
    let resp = agent.run(req).map_err(classify)?;
    let status = resp.status().as_u16();
    let headers: Vec<(String, String)> = resp
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let mut bytes = Vec::new();
    resp.into_body()
        .into_reader()
        .take(MAX_BODY)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::connection(format!("reading the body: {e}"), false))?;
    Ok(HttpResponse {
        status,
        headers,
        body: bytes,
    })
}

/// Whether a failure happened before the request could have reached the server decides
/// whether a write may be retried.
fn classify(err: ureq::Error) -> Error {
    use ureq::Error as E;
    match err {
        E::Timeout(kind) => {
            let msg = format!("{kind}");
            // Timeouts while resolving or connecting never sent a byte; core treats a timeout
            // as possibly sent, so report those as connection failures before sending.
            if matches!(kind, ureq::Timeout::Resolve | ureq::Timeout::Connect) {
                Error::connection(format!("timed out: {msg}"), true)
            } else {
                Error::timeout(msg)
            }
        }
        E::HostNotFound | E::ConnectionFailed => Error::connection(err.to_string(), true),
        E::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            Error::connection(io.to_string(), true)
        }
        other => Error::connection(other.to_string(), false),
    }
}
