//! Webhook deliveries (`--webhook-url`): the mock POSTs the events of `webhook.yaml` for what
//! happens in it (a message sent through the API, a tag change, an assignment, and a simulated
//! customer message every `--webhook-interval-ms`), and redelivers failed deliveries with
//! backoff, keeping the event's `request_id`.
//!
//! Each event is delivered on its own task, so a failing delivery does not hold up the next
//! ones (and events may arrive out of order, as with the live service: use the conversation
//! `version`). Every attempt is logged for `GET /__mock/webhooks`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

use crate::data::{now_iso, now_millis, Conversation};
use crate::state::lock;

/// Attempts per event before it is dropped.
pub const MAX_ATTEMPTS: u32 = 8;
/// Backoff before the second attempt; doubled each time, up to [`MAX_BACKOFF_MS`].
pub const FIRST_BACKOFF_MS: u64 = 50;
/// The longest wait between two attempts.
pub const MAX_BACKOFF_MS: u64 = 2_000;
/// How long one attempt may take (connect, send, read the status line).
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);

/// Where events go: an `http://host[:port][/path]` URL.
#[derive(Debug, Clone)]
pub struct Target {
    host: String,
    port: u16,
    path: String,
}

impl Target {
    /// Parses an `http://` URL (the mock speaks plain HTTP/1.1 only).
    pub fn parse(url: &str) -> Result<Self, String> {
        let rest = url
            .strip_prefix("http://")
            .ok_or_else(|| format!("--webhook-url must start with http://, got `{url}`"))?;
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], rest[i..].to_owned()),
            None => (rest, "/".to_owned()),
        };
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) => (
                h,
                p.parse::<u16>()
                    .map_err(|_| format!("--webhook-url: bad port in `{url}`"))?,
            ),
            None => (authority, 80),
        };
        if host.is_empty() {
            return Err(format!("--webhook-url: no host in `{url}`"));
        }
        Ok(Target {
            host: host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_owned(),
            port,
            path,
        })
    }
}

/// The webhook sender shared by the handlers. Without a URL, every call is a no-op.
#[derive(Debug, Default)]
pub struct Webhooks {
    tx: Option<mpsc::UnboundedSender<Value>>,
    next_id: AtomicU64,
    /// Conversation versions, by conversation id.
    versions: Mutex<HashMap<String, u64>>,
    /// One entry per attempt.
    log: Arc<Mutex<Vec<Value>>>,
}

impl Webhooks {
    /// A sender delivering to `url` (must be called inside the tokio runtime), or a no-op one.
    pub fn start(url: Option<&str>) -> Result<Arc<Self>, String> {
        let Some(url) = url else {
            return Ok(Arc::new(Webhooks::default()));
        };
        let target = Target::parse(url)?;
        let (tx, mut rx) = mpsc::unbounded_channel::<Value>();
        let hooks = Arc::new(Webhooks {
            tx: Some(tx),
            ..Webhooks::default()
        });
        let log = hooks.log.clone();
        tokio::spawn(async move {
            while let Some(event) = rx.recv().await {
                tokio::spawn(deliver(target.clone(), event, log.clone()));
            }
        });
        Ok(hooks)
    }

    /// Whether events are being delivered.
    pub fn enabled(&self) -> bool {
        self.tx.is_some()
    }

    /// The delivery log.
    pub fn log(&self) -> Vec<Value> {
        lock(&self.log).clone()
    }

    /// Clears the delivery log (for `/__mock/reset`).
    pub fn reset(&self) {
        lock(&self.log).clear();
    }

    /// Queues one event of `event_type` for `page_id`; returns its `request_id`.
    pub fn emit(&self, event_type: &str, page_id: &str, data: Value) -> Option<String> {
        let tx = self.tx.as_ref()?;
        let n = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        let request_id = format!("mock-{n:08}");
        let event = json!({
            "event_type": event_type,
            "page_id": page_id,
            "request_id": request_id,
            "timestamp": now_millis() / 1000,
            "data": data,
        });
        tx.send(event).ok().map(|()| request_id)
    }

    /// The conversation as webhook events show it, with its next `version`.
    fn conversation(&self, conv: &Conversation) -> Value {
        let v = &conv.v;
        let id = v["id"].as_str().unwrap_or_default().to_owned();
        let version = {
            let mut versions = lock(&self.versions);
            let n = versions.entry(id.clone()).or_insert(0);
            *n += 1;
            *n
        };
        let tags: Vec<Value> = v["tags"]
            .as_array()
            .map(|a| a.iter().map(|t| t["id"].clone()).collect())
            .unwrap_or_default();
        let replied = conv
            .messages
            .last()
            .is_some_and(|m| m["from"]["id"] == v["page_id"]);
        json!({
            "id": id,
            "assignee_ids": v["assignee_ids"].clone(),
            "customer_id": v["customer_id"].clone(),
            "from": v["from"].clone(),
            "is_combined": false,
            "is_removed": false,
            "is_replied": replied,
            "read_watermarks": [],
            "seen": v["seen"].clone(),
            "snippet": v["snippet"].clone(),
            "tags": tags,
            "type": v["type"].clone(),
            "version": version,
        })
    }

    /// A `conversation` event for a changed conversation.
    pub fn conversation_changed(&self, page_id: &str, conv: &Conversation) {
        if self.enabled() {
            let data = json!({"conversation": self.conversation(conv)});
            self.emit("conversation", page_id, data);
        }
    }

    /// A `messaging` event for a new message (the last one of `conv`); its `request_id`.
    pub fn message_added(&self, page_id: &str, conv: &Conversation) -> Option<String> {
        if !self.enabled() {
            return None;
        }
        let message = conv.messages.last()?;
        let mut message = message.clone();
        if message["from"]["id"] != page_id {
            message["from"]["page_customer_id"] = conv.v["page_customer"]["id"].clone();
        }
        let data = json!({
            "conversation": self.conversation(conv),
            "message": message,
            "post": Value::Null,
        });
        self.emit("messaging", page_id, data)
    }
}

/// Adds a message from the customer to `conv` (the simulated customer side).
pub fn add_customer_message(conv: &mut Conversation, id: u64, text: &str) {
    let now = now_iso();
    let conv_id = conv.v["id"].clone();
    conv.messages.push(json!({
        "id": format!("m_customer_{id}"),
        "conversation_id": conv_id,
        "page_id": conv.v["page_id"].clone(),
        "type": conv.v["type"].clone(),
        "message": text,
        "original_message": text,
        "from": conv.v["from"].clone(),
        "inserted_at": now,
        "attachments": [],
        "seen": false,
        "is_hidden": false,
        "is_removed": false,
        "has_phone": false,
    }));
    conv.v["snippet"] = json!(text);
    conv.v["seen"] = json!(false);
    conv.v["updated_at"] = json!(now.split('.').next().unwrap_or_default());
    conv.v["message_count"] = json!(conv.messages.len());
    conv.ts = now_millis() / 1000;
}

async fn deliver(target: Target, event: Value, log: Arc<Mutex<Vec<Value>>>) {
    let body = event.to_string();
    let request_id = event["request_id"].clone();
    let mut backoff = FIRST_BACKOFF_MS;
    for attempt in 1..=MAX_ATTEMPTS {
        let outcome = tokio::time::timeout(ATTEMPT_TIMEOUT, post(&target, body.as_bytes())).await;
        let (ok, entry) = match outcome {
            Ok(Ok(status)) => (
                (200..300).contains(&status),
                json!({"request_id": request_id, "event_type": event["event_type"], "attempt": attempt, "status": status}),
            ),
            Ok(Err(e)) => (
                false,
                json!({"request_id": request_id, "event_type": event["event_type"], "attempt": attempt, "error": e}),
            ),
            Err(_) => (
                false,
                json!({"request_id": request_id, "event_type": event["event_type"], "attempt": attempt, "error": "timeout"}),
            ),
        };
        lock(&log).push(entry);
        if ok {
            return;
        }
        if attempt < MAX_ATTEMPTS {
            tokio::time::sleep(Duration::from_millis(backoff)).await;
            backoff = (backoff * 2).min(MAX_BACKOFF_MS);
        }
    }
    eprintln!("pancake-mock: webhook {request_id} dropped after {MAX_ATTEMPTS} attempts");
}

/// One HTTP/1.1 POST; the response status.
async fn post(target: &Target, body: &[u8]) -> Result<u16, String> {
    let mut stream = tokio::net::TcpStream::connect((target.host.as_str(), target.port))
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: {}:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nUser-Agent: pancake-mock\r\nConnection: close\r\n\r\n",
        target.path,
        target.host,
        target.port,
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .await
        .map_err(|e| format!("send: {e}"))?;
    stream
        .write_all(body)
        .await
        .map_err(|e| format!("send: {e}"))?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    while !buf.windows(2).any(|w| w == b"\r\n") {
        let n = stream
            .read(&mut chunk)
            .await
            .map_err(|e| format!("read: {e}"))?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.len() > 64 * 1024 {
            break;
        }
    }
    let line = String::from_utf8_lossy(&buf);
    line.split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| "no HTTP status line in the answer".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        let t = Target::parse("http://127.0.0.1:8080/hook?x=1").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.path.as_str()),
            ("127.0.0.1", 8080, "/hook?x=1")
        );
        let t = Target::parse("http://localhost").unwrap();
        assert_eq!((t.port, t.path.as_str()), (80, "/"));
        assert!(Target::parse("https://x").is_err());
        assert!(Target::parse("http://:80/").is_err());
        assert!(Target::parse("http://h:notaport/").is_err());
    }
}
