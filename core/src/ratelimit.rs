//! Client-side rate limiting: a token bucket per page, on time the caller passes in.
//!
//! The API allows 5 requests per page per second, shared by the whole public API. A
//! [`RateLimiter`] keeps one bucket per [`HttpRequest::rate_limit_key`](crate::HttpRequest)
//! (the page id). [`RateLimiter::acquire`] either takes a token or says how long to wait;
//! the caller sleeps and asks again. After a `429`, [`RateLimiter::penalize`] holds every
//! request of that page until the server's `Retry-After` has passed.
//!
//! Arithmetic is in integers (a token is 1000 units, refilled at `requests_per_second` units
//! per millisecond), so every binding and the shared vectors agree to the millisecond.
//! Requests without a key (user-level APIs, which document no limit) are not metered but do
//! honour penalties.

/// Units per token.
const UNIT: u64 = 1000;

/// The bucket's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RateLimit {
    /// Tokens added per second (the sustained rate).
    pub requests_per_second: u32,
    /// The most tokens a bucket holds (how many requests may go at once after a pause).
    pub burst: u32,
}

impl Default for RateLimit {
    /// The documented limit: 5 requests per page per second, burst 5.
    fn default() -> Self {
        Self {
            requests_per_second: 5,
            burst: 5,
        }
    }
}

impl RateLimit {
    /// The limit a client should keep against a server that allows `requests_per_second` per
    /// page with a burst of as many: the same sustained rate, one request less of burst.
    ///
    /// The server meters arrivals, not sends. A request that travels faster than the first
    /// one did (which also opened the connection) arrives early by the server's clock; with
    /// the whole burst spent the server's bucket has nothing to spare, answers 429, and the
    /// page waits a whole `Retry-After` second. One token of headroom absorbs up to one
    /// interval (200 ms at 5/s) of such jitter, for one interval once, at the start.
    pub fn with_headroom(requests_per_second: u32) -> Self {
        let rate = requests_per_second.max(1);
        Self {
            requests_per_second: rate,
            burst: rate.saturating_sub(1).max(1),
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Bucket {
    /// Units available at `at_ms`.
    units: u64,
    /// When `units` was last brought up to date.
    at_ms: u64,
    /// No request before this instant (a 429's `Retry-After`).
    blocked_until_ms: u64,
    /// Whether the bucket has been used yet (a new bucket starts full).
    started: bool,
}

/// Token buckets keyed by page, plus server-imposed pauses.
#[derive(Debug, Clone)]
pub struct RateLimiter {
    limit: Option<RateLimit>,
    /// One bucket per page in use: a handful, so a list searched in order (which also keeps
    /// hashing code out of the WebAssembly module).
    buckets: Vec<(Option<String>, Bucket)>,
}

impl Default for RateLimiter {
    fn default() -> Self {
        Self::new(RateLimit::default())
    }
}

impl RateLimiter {
    /// A limiter with `limit` per page. A rate or burst of 0 is raised to 1.
    pub fn new(limit: RateLimit) -> Self {
        Self {
            limit: Some(RateLimit {
                requests_per_second: limit.requests_per_second.max(1),
                burst: limit.burst.max(1),
            }),
            buckets: Vec::new(),
        }
    }

    /// A limiter that never meters requests; it still honours [`RateLimiter::penalize`]
    /// (the server asked for the pause).
    pub fn disabled() -> Self {
        Self {
            limit: None,
            buckets: Vec::new(),
        }
    }

    fn bucket(&mut self, key: Option<&str>) -> &mut Bucket {
        let at = match self.buckets.iter().position(|(k, _)| k.as_deref() == key) {
            Some(at) => at,
            None => {
                self.buckets
                    .push((key.map(str::to_owned), Bucket::default()));
                self.buckets.len() - 1
            }
        };
        &mut self.buckets[at].1
    }

    /// The configured limit (`None` when disabled).
    pub fn limit(&self) -> Option<RateLimit> {
        self.limit
    }

    /// Takes a token for a request of page `key` at `now_ms`, or returns how many
    /// milliseconds to wait before asking again (nothing is taken then).
    pub fn acquire(&mut self, key: Option<&str>, now_ms: u64) -> Result<(), u64> {
        let limit = if key.is_some() { self.limit } else { None };
        let bucket = self.bucket(key);
        if now_ms < bucket.blocked_until_ms {
            return Err(bucket.blocked_until_ms - now_ms);
        }
        let Some(limit) = limit else {
            return Ok(());
        };
        let capacity = u64::from(limit.burst) * UNIT;
        let rate = u64::from(limit.requests_per_second);
        if !bucket.started {
            *bucket = Bucket {
                units: capacity,
                at_ms: now_ms,
                blocked_until_ms: bucket.blocked_until_ms,
                started: true,
            };
        } else if now_ms > bucket.at_ms {
            let elapsed = now_ms - bucket.at_ms;
            bucket.units = capacity.min(bucket.units.saturating_add(elapsed.saturating_mul(rate)));
            bucket.at_ms = now_ms;
        }
        // A clock that went backwards refills nothing.
        if bucket.units >= UNIT {
            bucket.units -= UNIT;
            Ok(())
        } else {
            Err((UNIT - bucket.units).div_ceil(rate))
        }
    }

    /// Holds every request of page `key` until `until_ms` (after a `429` with `Retry-After`).
    /// The bucket then restarts with a single token, so the waiting requests resume at the
    /// sustained rate rather than all at once. An earlier `until_ms` than a pause already in
    /// force changes nothing.
    pub fn penalize(&mut self, key: Option<&str>, until_ms: u64) {
        let bucket = self.bucket(key);
        if until_ms <= bucket.blocked_until_ms {
            return;
        }
        bucket.blocked_until_ms = until_ms;
        bucket.units = UNIT;
        bucket.at_ms = until_ms;
        bucket.started = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The wait returned is exact, and no window of time lets more requests through than
        /// the burst plus what the rate refills.
        #[test]
        fn waits_are_exact_and_the_rate_holds(
            rate in 1u32..20,
            burst in 1u32..10,
            gaps in proptest::collection::vec(0u64..700, 1..60),
        ) {
            let mut l = RateLimiter::new(RateLimit { requests_per_second: rate, burst });
            let mut now = 0;
            let mut granted = 0u64;
            for gap in gaps {
                now += gap;
                match l.acquire(Some("p"), now) {
                    Ok(()) => granted += 1,
                    Err(wait) => {
                        prop_assert!(wait > 0);
                        prop_assert!(l.clone().acquire(Some("p"), now + wait - 1).is_err());
                        prop_assert!(l.clone().acquire(Some("p"), now + wait).is_ok());
                    }
                }
                let allowed = u64::from(burst) + now * u64::from(rate) / 1000;
                prop_assert!(granted <= allowed, "{granted} > {allowed} at {now}");
            }
        }
    }

    #[test]
    fn burst_then_rate() {
        let mut l = RateLimiter::default();
        for _ in 0..5 {
            assert_eq!(l.acquire(Some("p"), 1000), Ok(()));
        }
        assert_eq!(l.acquire(Some("p"), 1000), Err(200));
        assert_eq!(l.acquire(Some("p"), 1199), Err(1));
        assert_eq!(l.acquire(Some("p"), 1200), Ok(()));
        // Other pages have their own bucket; unkeyed requests are not metered.
        assert_eq!(l.acquire(Some("q"), 1200), Ok(()));
        for _ in 0..20 {
            assert_eq!(l.acquire(None, 1200), Ok(()));
        }
    }

    /// The server's bucket as `pancake-mock` keeps it: `rate` per second, burst `rate`, on
    /// arrival times. Returns how many of the client's requests it would have refused.
    fn refused_by_server(client: RateLimit, latencies_ms: &[u64]) -> usize {
        let rate = 5.0;
        let mut l = RateLimiter::new(client);
        let (mut now, mut refused) = (0u64, 0);
        let (mut tokens, mut last): (f64, Option<f64>) = (rate, None);
        let mut arrivals = Vec::new();
        for latency in latencies_ms {
            while let Err(wait) = l.acquire(Some("p"), now) {
                now += wait;
            }
            arrivals.push((now + latency) as f64);
        }
        arrivals.sort_by(f64::total_cmp);
        for at in arrivals {
            if let Some(prev) = last {
                tokens = (tokens + (at - prev) / 1000.0 * rate).min(rate);
            }
            last = Some(at);
            if tokens >= 1.0 {
                tokens -= 1.0;
            } else {
                refused += 1;
            }
        }
        refused
    }

    #[test]
    fn headroom_absorbs_a_slow_first_request() {
        // The first request opens the connection (40 ms), the others take 1 to 9 ms.
        let latencies: Vec<u64> = (0..60)
            .map(|i| if i == 0 { 40 } else { 1 + i % 9 })
            .collect();
        let same_as_server = RateLimit {
            requests_per_second: 5,
            burst: 5,
        };
        assert!(refused_by_server(same_as_server, &latencies) > 0);
        assert_eq!(
            refused_by_server(RateLimit::with_headroom(5), &latencies),
            0
        );
        assert_eq!(
            RateLimit::with_headroom(5),
            RateLimit {
                requests_per_second: 5,
                burst: 4
            }
        );
        assert_eq!(RateLimit::with_headroom(1).burst, 1);
    }

    #[test]
    fn penalty_holds_the_page() {
        let mut l = RateLimiter::default();
        l.penalize(Some("p"), 5000);
        assert_eq!(l.acquire(Some("p"), 1000), Err(4000));
        l.penalize(Some("p"), 3000);
        assert_eq!(l.acquire(Some("p"), 4999), Err(1));
        assert_eq!(l.acquire(Some("p"), 5000), Ok(()));
        assert_eq!(l.acquire(Some("p"), 5000), Err(200));
        let mut off = RateLimiter::disabled();
        assert_eq!(off.acquire(Some("p"), 0), Ok(()));
        off.penalize(Some("p"), 10);
        assert_eq!(off.acquire(Some("p"), 0), Err(10));
        assert_eq!(off.acquire(Some("p"), 10), Ok(()));
    }
}
