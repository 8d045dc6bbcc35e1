//! Command-line options.

use clap::Parser;

/// `pancake-mock`: a stateful fake Pancake API server on loopback.
#[derive(Debug, Clone, Parser)]
#[command(name = "pancake-mock", version, about, args_override_self = true)]
pub struct Args {
    /// TCP port to bind on 127.0.0.1 (0 picks a free one; the address is printed first).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Address to bind (loopback by default).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Seed for the generated data: the same seed gives the same data.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Number of pages.
    #[arg(long, default_value_t = 2)]
    pub pages: usize,
    /// Customers on the first page (later pages get a third of this).
    #[arg(long, default_value_t = 150)]
    pub customers: usize,
    /// Conversations per page.
    #[arg(long, default_value_t = 150)]
    pub conversations: usize,
    /// Messages per conversation (at least 1).
    #[arg(long, default_value_t = 45)]
    pub messages: usize,
    /// Posts per page.
    #[arg(long, default_value_t = 40)]
    pub posts: usize,
    /// SIP call logs per page.
    #[arg(long = "call-logs", default_value_t = 40)]
    pub call_logs: usize,
    /// Requests per second per page (burst of the same size), or `off`.
    #[arg(long = "rate-limit", default_value = "5", value_parser = parse_rate)]
    pub rate_limit: Rate,
    /// How a wrong token is answered: `body` (HTTP 200 with `success:false`, as the live
    /// service does) or `status` (HTTP 401).
    #[arg(long = "auth-style", default_value = "body", value_parser = ["body", "status"])]
    pub auth_style: String,
    /// A fault to inject: `route=spec`, e.g. `customers.list=status:503:count:2`
    /// (see the README for the spec keys). Repeatable.
    #[arg(long = "fault")]
    pub faults: Vec<String>,
    /// POST webhook events (`webhook.yaml`) to this `http://` URL: messages sent, tag and
    /// assignment changes, simulated customer messages. Failed deliveries are retried.
    #[arg(long = "webhook-url")]
    pub webhook_url: Option<String>,
    /// With `--webhook-url`: a simulated customer message (and its `messaging` event) every
    /// this many milliseconds, on the first page's conversations in turn (0: none).
    #[arg(long = "webhook-interval-ms", default_value_t = 0)]
    pub webhook_interval_ms: u64,
}

/// Requests per second, or no limit.
#[derive(Debug, Clone, Copy)]
pub struct Rate(pub Option<f64>);

fn parse_rate(s: &str) -> Result<Rate, String> {
    if s.eq_ignore_ascii_case("off") || s == "0" {
        return Ok(Rate(None));
    }
    match s.parse::<f64>() {
        Ok(r) if r > 0.0 && r.is_finite() => Ok(Rate(Some(r))),
        _ => Err(format!("expected a positive number or `off`, got `{s}`")),
    }
}
