//! Webhook events: the JSON bodies Pancake POSTs to a page's registered URL
//! (`webhook.yaml`), parsed into the typed, lossless models of [`crate::models::webhook`]
//! (re-exported here).
//!
//! Every body carries its kind in `event_type` (not `type`, which names the conversation,
//! message or post type inside `data`): `messaging`, `conversation`, `subscription`, `post` or
//! `connect_status`. [`parse_webhook`] reads one body into a [`WebhookEvent`]; a kind this SDK
//! does not know comes back as [`WebhookEvent::Other`] with the raw JSON, so a receiver keeps
//! working when Pancake adds events.
//!
//! Like the API models, every field is a [`Maybe`](crate::models::common::Maybe), unknown fields land in `extra`, and
//! serialising an event gives back the JSON that was received. Timestamps stay in the shape
//! sent; the `*_timestamp` helpers read them as UTC instants.
//!
//! ```
//! use pancake_core::webhook::{parse_webhook, WebhookEvent};
//!
//! let body = br#"{"event_type":"connect_status","page_id":"1","request_id":"r-1",
//!                 "timestamp":1784255157,"data":{"connect_status":"disconnected","page_id":"1"}}"#;
//! let event = parse_webhook(body).unwrap();
//! assert_eq!(event.kind(), "connect_status");
//! assert_eq!(event.dedup_key(), "r-1");
//! if let WebhookEvent::ConnectStatus(e) = &event {
//!     assert_eq!(e.data.get().and_then(|d| d.is_connected()), Some(false));
//! }
//! ```

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::models::webhook::hashed_key;
pub use crate::models::webhook::*;
use crate::shape::{Shape, Shaped};

/// A webhook body read as JSON checked against its kind's shape ([`parse_webhook_value`]):
/// what the bindings hand out.
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookJson {
    /// One of [`KINDS`], `other` for an unknown `event_type` ([`WebhookEvent::kind`]).
    pub kind: &'static str,
    /// [`WebhookEvent::dedup_key`].
    pub dedup_key: String,
    /// The event exactly as received.
    pub event: Value,
}

/// Every kind this SDK reads, by its `event_type`, with the shape its body must have.
const EVENT_SHAPES: &[(&str, &Shape)] = &[
    (MESSAGING, MessagingEvent::SHAPE),
    (CONVERSATION, ConversationEvent::SHAPE),
    (SUBSCRIPTION, SubscriptionEvent::SHAPE),
    (POST, PostEvent::SHAPE),
    (CONNECT_STATUS, ConnectStatusEvent::SHAPE),
];

/// Reads one webhook body as JSON: the event's kind (from `event_type`), checked against that
/// kind's shape, with its dedup key. This is the one reader; [`parse_webhook`] decodes what it
/// accepts into the typed models.
///
/// An unknown or missing `event_type` gives the kind `other` with the raw JSON. A body that is
/// not a JSON object, or a known kind whose fields do not have the documented types, gives
/// [`Error::Decode`] naming the JSON path (its `status` is 0: there is no HTTP response).
pub fn parse_webhook_value(body: &[u8]) -> Result<WebhookJson> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::decode("empty webhook body", 0, body));
    }
    let event: Value = std::str::from_utf8(body)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str(text).map_err(|e| e.to_string()))
        .map_err(|e| Error::decode(format!("not JSON: {e}"), 0, body))?;
    check_event(event)
}

/// [`parse_webhook_value`] on a body already parsed as JSON.
fn check_event(event: Value) -> Result<WebhookJson> {
    if !event.is_object() {
        return Err(Error::decode(
            "a webhook body must be a JSON object",
            0,
            event.to_string().as_bytes(),
        ));
    }
    let event_type = event.get("event_type").and_then(Value::as_str);
    let known = EVENT_SHAPES
        .iter()
        .find(|(kind, _)| Some(*kind) == event_type);
    let kind = match known {
        Some((kind, shape)) => {
            crate::shape::check(shape, &event)
                .map_err(|m| Error::decode(m.to_string(), 0, event.to_string().as_bytes()))?;
            kind
        }
        None => OTHER,
    };
    let dedup_key = match event.get("request_id").and_then(Value::as_str) {
        Some(id) => id.to_owned(),
        None => hashed_key(kind, &event),
    };
    Ok(WebhookJson {
        kind,
        dedup_key,
        event,
    })
}

/// Parses one webhook body (the bytes POSTed to the receiver) into the typed models: what
/// [`parse_webhook_value`] accepts, with the same errors, decoded by its kind.
pub fn parse_webhook(body: &[u8]) -> Result<WebhookEvent> {
    parse_webhook_value(body).and_then(typed)
}

impl WebhookEvent {
    /// Reads an already-parsed JSON value, as [`parse_webhook`] reads the bytes.
    pub fn from_value(value: Value) -> Result<Self> {
        check_event(value).and_then(typed)
    }
}

/// Decodes an event [`check_event`] accepted as the typed model of its kind.
fn typed(json: WebhookJson) -> Result<WebhookEvent> {
    fn decode<D: DeserializeOwned + Default>(event: Value) -> Result<Box<Envelope<D>>> {
        serde_path_to_error::deserialize(&event)
            .map(Box::new)
            .map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                Error::decode(
                    format!("at `{path}`: {inner}"),
                    0,
                    event.to_string().as_bytes(),
                )
            })
    }
    let event = json.event;
    Ok(match json.kind {
        MESSAGING => WebhookEvent::Messaging(decode(event)?),
        CONVERSATION => WebhookEvent::Conversation(decode(event)?),
        SUBSCRIPTION => WebhookEvent::Subscription(decode(event)?),
        POST => WebhookEvent::Post(decode(event)?),
        CONNECT_STATUS => WebhookEvent::ConnectStatus(decode(event)?),
        _ => WebhookEvent::Other(event),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(json: &str) -> WebhookEvent {
        let event = parse_webhook(json.as_bytes()).unwrap();
        let original: Value = serde_json::from_str(json).unwrap();
        assert_eq!(event.to_value(), original);
        event
    }

    #[test]
    fn kinds_come_from_event_type() {
        let e = round_trip(
            r#"{"event_type":"post","page_id":"1","data":{"post":{"id":"1_2","type":"photo"}}}"#,
        );
        assert_eq!(e.kind(), "post");
        let e = round_trip(r#"{"event_type":"reaction","data":{"x":1}}"#);
        assert_eq!(e.kind(), "other");
        assert_eq!(e.event_type(), Some("reaction"));
        let e = round_trip(r#"{"type":"messaging"}"#);
        assert_eq!(e.kind(), "other");
    }

    #[test]
    fn conversation_fields() {
        let e = round_trip(
            r#"{"event_type":"conversation","page_id":"1","request_id":"r","timestamp":1784255208,
               "data":{"conversation":{"id":"1_2","tags":[2,"3",null],"version":306,
               "read_watermarks":[{"psid":"2","watermark":1782552309,"is_group_conv":null}],
               "new_field":{"a":[1]}}}}"#,
        );
        let WebhookEvent::Conversation(c) = &e else {
            panic!("{e:?}")
        };
        let conv = c.data.get().unwrap().conversation.get().unwrap();
        assert_eq!(conv.version_number(), Some(306));
        assert_eq!(conv.tag_ids().len(), 2);
        let marks = conv.read_watermarks.get().unwrap().markers();
        assert_eq!(
            marks[0].watermark_timestamp().unwrap().unix_seconds(),
            1782552309
        );
        assert_eq!(e.timestamp_utc().unwrap().unix_seconds(), 1784255208);
        assert_eq!(e.dedup_key(), "r");
        assert_eq!(e.page_id().as_deref(), Some("1"));
    }

    #[test]
    fn read_watermarks_object_is_kept() {
        round_trip(
            r#"{"event_type":"messaging","data":{"conversation":{"read_watermarks":{"2":1}}}}"#,
        );
    }

    #[test]
    fn dedup_key_ignores_key_order_only() {
        let key = |body: &str| parse_webhook_value(body.as_bytes()).unwrap().dedup_key;
        let a =
            key(r#"{"event_type":"post","page_id":"1","data":{"post":{"id":"1_2","x":[1,2]}}}"#);
        let b =
            key(r#"{"data":{"post":{"x":[1,2],"id":"1_2"}},"page_id":"1","event_type":"post"}"#);
        assert_eq!(a, b);
        assert!(a.starts_with("post:"));
        for other in [
            r#"{"event_type":"post","page_id":"1","data":{"post":{"id":"1_2","x":[2,1]}}}"#,
            r#"{"event_type":"post","page_id":"1","data":{"post":{"id":"1_2","y":[1,2]}}}"#,
            r#"{"event_type":"post","page_id":"1","data":{"post":{"id":"1_2","x":[1,"2"]}}}"#,
        ] {
            assert_ne!(a, key(other), "{other}");
        }
    }

    #[test]
    fn dedup_key_without_request_id_is_stable() {
        let body = r#"{"event_type":"messaging","page_id":"1","data":{"message":{"id":"m1"}}}"#;
        let a = parse_webhook(body.as_bytes()).unwrap().dedup_key();
        let b = parse_webhook(body.as_bytes()).unwrap().dedup_key();
        assert_eq!(a, b);
        assert!(a.starts_with("messaging:"));
        let other = r#"{"event_type":"messaging","page_id":"1","data":{"message":{"id":"m2"}}}"#;
        assert_ne!(a, parse_webhook(other.as_bytes()).unwrap().dedup_key());
    }

    #[test]
    fn errors() {
        for bad in ["", "  ", "{", "[1]", "3", "\"messaging\"", "null"] {
            let err = parse_webhook(bad.as_bytes()).unwrap_err();
            assert_eq!(err.kind(), "decode", "{bad}");
        }
        let err =
            parse_webhook(br#"{"event_type":"conversation","data":{"conversation":{"seen":[1]}}}"#)
                .unwrap_err();
        assert!(err.to_string().contains("data.conversation.seen"), "{err}");
    }
}
