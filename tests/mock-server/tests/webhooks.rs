//! `--webhook-url`: the mock POSTs webhook events for what happens in it, core parses every one
//! of them, and a failed delivery is redelivered with the same `request_id`.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::Mock;
use pancake_core::webhook::{parse_webhook, WebhookEvent};
use serde_json::{json, Value};

/// A receiver on loopback that answers 503 to the first delivery of every event and 200 to
/// the next ones; every delivered body goes to the channel.
fn receiver() -> (String, mpsc::Receiver<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hooks/pancake", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut seen: HashMap<String, u32> = HashMap::new();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            let mut length = 0;
            reader.read_line(&mut line).unwrap();
            assert!(line.starts_with("POST /hooks/pancake "), "{line}");
            loop {
                line.clear();
                reader.read_line(&mut line).unwrap();
                if line.trim().is_empty() {
                    break;
                }
                if let Some((k, v)) = line.split_once(':') {
                    if k.eq_ignore_ascii_case("content-length") {
                        length = v.trim().parse().unwrap();
                    }
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let id = serde_json::from_slice::<Value>(&body).unwrap()["request_id"]
                .as_str()
                .unwrap()
                .to_owned();
            let n = seen.entry(id).or_insert(0);
            *n += 1;
            let status = if *n == 1 {
                "503 Service Unavailable"
            } else {
                "200 OK"
            };
            let _ = stream.write_all(
                format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .as_bytes(),
            );
            let _ = tx.send(body);
        }
    });
    (url, rx)
}

#[test]
fn events_for_writes_and_customer_messages_with_redelivery() {
    let (url, bodies) = receiver();
    let m = Mock::start(&["--webhook-url", &url, "--rate-limit", "off"]);
    let page = m.page_id(0);
    let convs = m
        .get(&format!(
            "/api/public_api/v2/pages/{page}/conversations?page_access_token={}",
            common::page_token(&page)
        ))
        .json();
    let conv = convs["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == "INBOX")
        .and_then(|c| c["id"].as_str())
        .expect("an inbox conversation")
        .to_owned();

    let sent = m
        .post(
            "/__mock/webhooks/customer_message",
            &json!({"page_id": page, "conversation_id": conv, "message": "Còn hàng không?"}),
        )
        .json();
    assert_eq!(sent["conversation_id"], conv.as_str());
    let reply = m.post(
        &m.page_path(&page, &format!("conversations/{conv}/messages")),
        &json!({"action": "reply_inbox", "message": "Dạ còn ạ"}),
    );
    assert_eq!(reply.status, 200);
    let tags = m.get(&m.page_path(&page, "tags")).json();
    let tag_id = tags["tags"][0]["id"].clone();
    let tagged = m.post(
        &m.page_path(&page, &format!("conversations/{conv}/tags")),
        &json!({"action": "add", "tag_id": tag_id}),
    );
    assert_eq!(tagged.status, 200);
    let users = m.get(&m.page_path(&page, "users")).json();
    let user = users["users"][0]["id"].as_str().unwrap().to_owned();
    let assigned = m.post(
        &m.page_path(&page, &format!("conversations/{conv}/assign")),
        &json!({"assignee_ids": [user]}),
    );
    assert_eq!(assigned.status, 200);

    // Four events, each delivered twice (the first attempt answered 503).
    let mut deliveries: HashMap<String, Vec<WebhookEvent>> = HashMap::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while deliveries.values().map(Vec::len).sum::<usize>() < 8 {
        let left = deadline.saturating_duration_since(Instant::now());
        let body = bodies
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("deliveries so far: {:?}", deliveries.keys()));
        let event = parse_webhook(&body).expect("core parses what the mock sends");
        assert_eq!(
            event.to_value(),
            serde_json::from_slice::<Value>(&body).unwrap()
        );
        deliveries.entry(event.dedup_key()).or_default().push(event);
    }
    assert_eq!(deliveries.len(), 4, "{:?}", deliveries.keys());
    for (id, events) in &deliveries {
        assert_eq!(events.len(), 2, "{id}");
        assert_eq!(events[0], events[1], "a redelivery repeats the event");
    }
    let first = |id: &str| deliveries[id][0].clone();
    let WebhookEvent::Messaging(customer) = first(sent["request_id"].as_str().unwrap()) else {
        panic!("customer message is a messaging event")
    };
    let data = customer.data.get().unwrap();
    let message = data.message.get().unwrap();
    assert_eq!(
        message.id.get().map(String::as_str),
        sent["message_id"].as_str()
    );
    assert!(message.inserted_at_timestamp().is_some());
    assert!(message.from.get().unwrap().page_customer_id.is_some());

    let mut kinds: Vec<&str> = deliveries.values().map(|e| e[0].kind()).collect();
    kinds.sort_unstable();
    assert_eq!(
        kinds,
        ["conversation", "conversation", "messaging", "messaging"]
    );
    let versions: Vec<i64> = deliveries
        .values()
        .filter_map(|e| match &e[0] {
            WebhookEvent::Conversation(c) => c.data.get()?.conversation.get()?.version_number(),
            _ => None,
        })
        .collect();
    assert_eq!(versions.len(), 2);
    assert_ne!(versions[0], versions[1]);

    // The delivery log shows each failed attempt and its retry (logged once the answer is in).
    let mut log = m.get("/__mock/webhooks").json();
    while log["deliveries"].as_array().map_or(0, Vec::len) < 8 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        log = m.get("/__mock/webhooks").json();
    }
    assert_eq!(log["enabled"], true);
    let attempts = log["deliveries"].as_array().unwrap();
    assert_eq!(attempts.len(), 8, "{attempts:?}");
    assert!(attempts
        .iter()
        .all(|a| (a["attempt"] == 1 && a["status"] == 503)
            || (a["attempt"] == 2 && a["status"] == 200)));
}

#[test]
fn without_a_url_nothing_is_sent() {
    let m = Mock::start(&[]);
    let log = m.get("/__mock/webhooks").json();
    assert_eq!(log, json!({"enabled": false, "deliveries": []}));
    assert_eq!(
        m.post("/__mock/webhooks/customer_message", &json!({}))
            .status,
        200
    );
}

#[test]
fn a_bad_url_is_refused_at_start() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pancake-mock"))
        .args(["--port", "0", "--webhook-url", "https://example.com/hook"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("http://"));
}
