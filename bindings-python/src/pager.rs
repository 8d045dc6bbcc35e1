//! List walks: core's [`Driver`] decides, a worker thread sends, Python takes the pages.
//!
//! The worker performs the driver's steps (sends, rate-limit and retry waits) while Python
//! reads the current page, so the page after it is fetched ahead. Pages are handed out on the
//! caller's thread by [`Driver::deliver`], so resume tokens describe exactly what Python
//! received, also after a Ctrl-C in the middle of a wait.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use pancake_core::driver::{Delivery, Driver, Step};
use pancake_core::paginate::DynPaginator;
use pancake_core::{operations, Context, Error, HttpResponse};
use pyo3::prelude::*;

use crate::transport::{now_ms, Transport, Worker, SIGNAL_POLL};
use crate::{context_from_json, errors, parse_params, to_json};

/// What the caller's thread and the worker share.
struct Walk {
    driver: Driver,
    /// A worker is driving this walk.
    driving: bool,
    /// The pager went away: the worker stops at its next step.
    closed: bool,
}

struct Shared {
    walk: Mutex<Walk>,
    /// Signalled whenever either side changed the walk.
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Walk> {
        self.walk.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Walks a list operation page by page (see the module documentation).
#[pyclass(module = "pancake_api._native", frozen)]
pub struct Pager {
    shared: Arc<Shared>,
    transport: Transport,
}

impl Pager {
    /// A pager over `operation` sending with `ctx` through `transport`, from the start or
    /// from a resume token; one page is fetched ahead.
    pub fn start(
        py: Python<'_>,
        ctx: &Context,
        transport: &Transport,
        operation: &str,
        params: &str,
        resume: Option<&str>,
    ) -> PyResult<Self> {
        let params = parse_params(py, params)?;
        let paginator =
            operations::paginate(operation, &params, resume).map_err(|e| errors::to_py(py, &e))?;
        let driver = Driver::new(paginator, ctx.clone(), transport.policy(), true);
        Ok(Self {
            shared: Arc::new(Shared {
                walk: Mutex::new(Walk {
                    driver,
                    driving: false,
                    closed: false,
                }),
                changed: Condvar::new(),
            }),
            transport: transport.clone(),
        })
    }

    /// Hands out the next page once it is in hand, starting the worker when none drives the
    /// walk; gives up after `SIGNAL_POLL` so the caller can look for Ctrl-C.
    fn try_deliver(&self) -> Option<Result<Option<String>, Error>> {
        let shared = &self.shared;
        let mut walk = shared.lock();
        let delivery = loop {
            if let Some(delivery) = walk.driver.deliver() {
                break delivery;
            }
            if !walk.driving {
                walk.driving = true;
                let shared = shared.clone();
                self.transport.detach(move |worker| drive(worker, &shared));
            }
            shared.changed.notify_all();
            let (back, waited) = shared
                .changed
                .wait_timeout(walk, SIGNAL_POLL)
                .unwrap_or_else(|e| e.into_inner());
            walk = back;
            if waited.timed_out() {
                return None;
            }
        };
        // The worker may fetch the page after this one now.
        shared.changed.notify_all();
        drop(walk);
        Some(match delivery {
            Delivery::Page(items) => items.to_text().map(Some),
            Delivery::End => Ok(None),
            Delivery::Failed(error) => Err(error),
        })
    }
}

/// The worker's loop: does what the driver says until the walk is over or the pager goes.
fn drive(worker: &Worker, shared: &Shared) {
    let mut walk = shared.lock();
    while !walk.closed {
        let step = walk
            .driver
            .poll(&mut worker.limiter(), now_ms(), fastrand::f64());
        match step {
            Step::Send { id, request } => {
                drop(walk);
                let outcome = worker.exchange(&request);
                walk = shared.lock();
                walk.driver.on_response(id, outcome);
            }
            Step::Wait { ms } => {
                // Woken early by the caller; the next poll says how long is left.
                walk = shared
                    .changed
                    .wait_timeout(walk, Duration::from_millis(ms))
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
            Step::Idle => {
                shared.changed.notify_all();
                walk = shared.changed.wait(walk).unwrap_or_else(|e| e.into_inner());
            }
            Step::Finished => break,
        }
    }
    walk.driving = false;
    shared.changed.notify_all();
}

impl Drop for Pager {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.changed.notify_all();
    }
}

#[pymethods]
impl Pager {
    /// The next page's new items as a JSON array, or `None` when the list is exhausted. Waits
    /// with the GIL released; Ctrl-C interrupts the wait and loses nothing (the page is
    /// handed out by the next call).
    fn next_page(&self, py: Python<'_>) -> PyResult<Option<String>> {
        loop {
            if let Some(result) = py.detach(|| self.try_deliver()) {
                return result.map_err(|e| errors::to_py(py, &e));
            }
            py.check_signals()?;
        }
    }

    /// A token that resumes right after the first `consumed` items of the last page handed
    /// out (after all of them when `consumed` is `None`).
    #[pyo3(signature = (consumed=None))]
    fn resume_token(&self, consumed: Option<usize>) -> String {
        self.shared.lock().driver.resume_token(consumed)
    }

    /// Whether the last page was handed out.
    fn is_done(&self) -> bool {
        self.shared.lock().driver.is_done()
    }
}

/// A pager that sends nothing, for the shared pagination transcripts: `next_request` gives
/// the request it would send, `feed` hands it a raw response.
#[pyclass(module = "pancake_api._native")]
pub struct OfflinePager {
    paginator: Mutex<DynPaginator>,
}

impl OfflinePager {
    fn paginator(&self) -> MutexGuard<'_, DynPaginator> {
        self.paginator.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[pymethods]
impl OfflinePager {
    /// The next request as `{"method", "url"}` JSON (URL unredacted), or `None` at the end.
    fn next_request(&self, py: Python<'_>, context: &str) -> PyResult<Option<String>> {
        let ctx = context_from_json(py, context)?;
        let req = self
            .paginator()
            .next_request(&ctx)
            .map_err(|e| errors::to_py(py, &e))?;
        Ok(req.map(|r| to_json(&serde_json::json!({"method": r.method.as_str(), "url": r.url}))))
    }

    /// Feeds a raw response; returns the new items as a JSON array.
    fn feed(
        &self,
        py: Python<'_>,
        status: u16,
        headers: Vec<(String, String)>,
        body: &[u8],
    ) -> PyResult<String> {
        let resp = HttpResponse {
            status,
            headers,
            body: body.to_vec(),
        };
        self.paginator()
            .handle_response_items(&resp)
            .and_then(|items| items.to_text())
            .map_err(|e| errors::to_py(py, &e))
    }

    /// A token that resumes right after the first `consumed` items of the last page fed
    /// (after all of them when `consumed` is `None`).
    #[pyo3(signature = (consumed=None))]
    fn resume_token(&self, consumed: Option<usize>) -> String {
        let paginator = self.paginator();
        match consumed {
            Some(n) => paginator.resume_token_after(n),
            None => paginator.resume_token(),
        }
    }

    /// Whether the list is exhausted.
    fn is_done(&self) -> bool {
        self.paginator().is_done()
    }
}

/// A pager over a list operation that sends nothing: drive it with `next_request` and `feed`.
#[pyfunction]
#[pyo3(signature = (operation, params, resume=None))]
pub fn offline_pager(
    py: Python<'_>,
    operation: &str,
    params: &str,
    resume: Option<&str>,
) -> PyResult<OfflinePager> {
    let params = parse_params(py, params)?;
    let paginator =
        operations::paginate(operation, &params, resume).map_err(|e| errors::to_py(py, &e))?;
    Ok(OfflinePager {
        paginator: Mutex::new(paginator),
    })
}
