//! Shared server state: the data, the rate limiter, the fault rules and the journal.

use std::sync::{Mutex, MutexGuard};

use serde_json::Value;

use crate::data::Store;
use crate::faults::Fault;
use crate::ratelimit::Limiter;

/// Everything the handlers share.
#[derive(Debug)]
pub struct AppState {
    /// The live data.
    pub store: Mutex<Store>,
    /// The data as generated, for `/__mock/reset`.
    pub initial: Store,
    /// Per-page token buckets.
    pub limiter: Mutex<Limiter>,
    /// Live fault rules.
    pub faults: Mutex<Vec<Fault>>,
    /// The rules given on the command line, restored by `/__mock/reset`.
    pub initial_faults: Vec<Fault>,
    /// Every API request received, tokens redacted.
    pub journal: Mutex<Vec<Value>>,
    /// Answer a wrong token with HTTP 401 instead of 200 + `success:false`.
    pub auth_status: bool,
    /// Webhook deliveries (a no-op without `--webhook-url`).
    pub webhooks: std::sync::Arc<crate::webhooks::Webhooks>,
}

/// Locks a mutex, recovering from poisoning (a panicking handler must not wedge the mock).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl AppState {
    /// Puts data, buckets, rules and journal back to how the server started.
    pub fn reset(&self) {
        *lock(&self.store) = self.initial.clone();
        lock(&self.limiter).reset();
        *lock(&self.faults) = self.initial_faults.clone();
        lock(&self.journal).clear();
        self.webhooks.reset();
    }
}
