//! List walks: core's [`Driver`] decides, this file sends and sleeps when it says so.
//!
//! `nextPage()` asks the driver for the next page and, while it is not in hand, performs the
//! driver's steps. Once a page is handed out, a task keeps performing them in the background
//! (the driver fetches one page ahead when asked to), and the next `nextPage()` waits for that
//! task before it asks again. The resume point is the driver's: it moves when a page is handed
//! out, never when one is fetched.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use pancake_core::driver::{Delivery, Driver, Step};
use pancake_core::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::errors::to_js;
use crate::transport::{clock, jitter, pause};
use crate::{core, Inner};

/// The walk a pager and its background task share.
struct Walk {
    driver: Driver,
    /// A `nextPage()` is running.
    busy: bool,
    /// The background task performing the driver's steps; resolves (never rejects) when it
    /// rests.
    task: Option<Promise>,
    /// The abort reason that stopped the background task, thrown by the next `nextPage()`.
    aborted: Option<JsValue>,
}

type Shared = Rc<RefCell<Walk>>;

/// Walks a list operation page by page (see the module documentation).
#[wasm_bindgen]
pub struct Pager {
    client: Rc<Inner>,
    walk: Shared,
}

impl Pager {
    /// A pager performing `driver`'s steps through `client`'s transport.
    pub(crate) fn new(client: Rc<Inner>, driver: Driver) -> Self {
        let walk = Walk {
            driver,
            busy: false,
            task: None,
            aborted: None,
        };
        Self {
            client,
            walk: Rc::new(RefCell::new(walk)),
        }
    }
}

#[wasm_bindgen]
impl Pager {
    /// Resolves to the next page's items as a JSON array, or `undefined` when the list is
    /// exhausted. One page at a time: a second call while one is running rejects. `signal`
    /// (an optional `AbortSignal`) stops this call's sends and waits, and those of the page
    /// fetched ahead after it.
    #[wasm_bindgen(js_name = nextPage)]
    pub fn next_page(&self, signal: JsValue) -> Promise {
        if std::mem::replace(&mut self.walk.borrow_mut().busy, true) {
            return Promise::reject(&to_js(&Error::invalid(
                "pager",
                "nextPage() was called while a page was still being fetched",
            )));
        }
        future_to_promise(run(self.client.clone(), self.walk.clone(), signal, true))
    }

    /// A token that resumes right after the first `consumed` items of the last page handed
    /// out.
    #[wasm_bindgen(js_name = resumeToken)]
    pub fn resume_token(&self, consumed: usize) -> String {
        self.walk.borrow().driver.resume_token(Some(consumed))
    }

    /// Whether the last page was handed out.
    #[wasm_bindgen(js_name = isDone)]
    pub fn is_done(&self) -> bool {
        self.walk.borrow().driver.is_done()
    }
}

/// Performs the driver's steps. For a `nextPage()` (`deliver`), until the driver hands out the
/// next page (then a background run goes on fetching ahead); for a background run, until the
/// driver rests. One function for both, so the module holds one copy of the loop. A background
/// run never rejects: an abort gives up the request in flight and is kept for the next
/// `nextPage()` to throw.
async fn run(
    client: Rc<Inner>,
    walk: Shared,
    signal: JsValue,
    deliver: bool,
) -> Result<JsValue, JsValue> {
    let transport = &client.transport;
    let result = loop {
        if deliver {
            let delivery = walk.borrow_mut().driver.deliver();
            match delivery {
                Some(Delivery::Page(items)) => {
                    let ahead = run(client.clone(), walk.clone(), signal, false);
                    walk.borrow_mut().task = Some(future_to_promise(ahead));
                    // Let the background run start the next request (fetch writes it
                    // synchronously) before this page's text is written, so the server works
                    // while we do.
                    let _ = JsFuture::from(Promise::resolve(&JsValue::UNDEFINED)).await;
                    break core(items.to_text()).map(|text| JsValue::from_str(&text));
                }
                Some(Delivery::End) => break Ok(JsValue::UNDEFINED),
                Some(Delivery::Failed(error)) => break Err(to_js(&error)),
                None => {}
            }
            let task = walk.borrow_mut().task.take();
            if let Some(task) = task {
                // Never rejects (see above).
                let _ = JsFuture::from(task).await;
            }
            if let Some(reason) = walk.borrow_mut().aborted.take() {
                break Err(reason);
            }
        }
        let step = {
            let mut walk = walk.borrow_mut();
            walk.driver
                .poll(&mut transport.limiter(), clock(), jitter())
        };
        let done = match step {
            Step::Send { id, request } => transport
                .exchange(&request, &signal)
                .await
                .map(|outcome| walk.borrow_mut().driver.on_response(id, outcome)),
            Step::Wait { ms } => pause(ms, &signal).await,
            Step::Idle | Step::Finished if deliver => Ok(()),
            Step::Idle | Step::Finished => break Ok(JsValue::UNDEFINED),
        };
        if let Err(reason) = done {
            let mut walk = walk.borrow_mut();
            walk.driver.abandon();
            walk.aborted = Some(reason);
        }
    };
    if deliver {
        walk.borrow_mut().busy = false;
    }
    result
}
