//! A token bucket per page: `rate` requests per second with a burst of the same size.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Token buckets keyed by page id.
#[derive(Debug)]
pub struct Limiter {
    rate: Option<f64>,
    buckets: HashMap<String, (f64, Instant)>,
}

impl Limiter {
    /// A limiter allowing `rate` requests per second per key (`None`: no limit).
    pub fn new(rate: Option<f64>) -> Self {
        Limiter {
            rate,
            buckets: HashMap::new(),
        }
    }

    /// Takes one token for `key` at `now`, or says how long until one is available.
    pub fn acquire(&mut self, key: &str, now: Instant) -> Result<(), Duration> {
        let Some(rate) = self.rate else {
            return Ok(());
        };
        let burst = rate.max(1.0);
        let (tokens, last) = self.buckets.entry(key.to_owned()).or_insert((burst, now));
        let elapsed = now.saturating_duration_since(*last).as_secs_f64();
        *tokens = (*tokens + elapsed * rate).min(burst);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - *tokens) / rate))
        }
    }

    /// Forgets every bucket.
    pub fn reset(&mut self) {
        self.buckets.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_refill() {
        let mut l = Limiter::new(Some(5.0));
        let t0 = Instant::now();
        for _ in 0..5 {
            assert!(l.acquire("p", t0).is_ok());
        }
        let wait = l.acquire("p", t0).unwrap_err();
        assert!(wait > Duration::ZERO && wait <= Duration::from_millis(200));
        assert!(l.acquire("other", t0).is_ok());
        assert!(l.acquire("p", t0 + Duration::from_millis(200)).is_ok());
        assert!(Limiter::new(None).acquire("p", t0).is_ok());
    }
}
