"""The whole webhook loop on loopback: the mock POSTs events to a receiver in this process
(which fails some deliveries on purpose), the receiver acknowledges, deduplicates by
``dedup_key`` and queues; the test fetches the conversation and replies through the API, and
checks that every event was processed exactly once despite redeliveries."""

from __future__ import annotations

import json
import queue
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, Iterator, List, Set, Tuple

import pytest
from conftest import ROOT, Mock

from pancake_api import PageClient, UserClient, webhooks

USER_TOKEN = "mock-user-token"


class Receiver:
    """A webhook endpoint: answers 500 to the first delivery of every other event, then 200."""

    def __init__(self) -> None:
        self.events: "queue.Queue[webhooks.WebhookEvent]" = queue.Queue()
        self.dedup = webhooks.Deduplicator()
        self.deliveries: Dict[str, int] = {}
        self.processed: List[str] = []
        self.failed_once: Set[str] = set()
        self.lock = threading.Lock()
        self.count = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status = receiver.handle(body)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/pancake"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def handle(self, body: bytes) -> int:
        event = webhooks.parse(body)
        key = event.dedup_key
        with self.lock:
            self.deliveries[key] = self.deliveries.get(key, 0) + 1
            self.count += 1
            if self.count % 2 == 1 and key not in self.failed_once:
                self.failed_once.add(key)
                return 500
            first = self.dedup.first_time(key)
            if first:
                self.processed.append(key)
        if first:
            self.events.put(event)
        return 200

    def wait_for(
        self, what: str, match: Callable[[webhooks.WebhookEvent], bool], timeout: float = 15.0
    ) -> webhooks.WebhookEvent:
        deadline = time.monotonic() + timeout
        seen: List[str] = []
        while time.monotonic() < deadline:
            try:
                event = self.events.get(timeout=0.1)
            except queue.Empty:
                continue
            if match(event):
                return event
            seen.append(f"{event.kind}:{event.dedup_key}")
        raise AssertionError(f"no {what} event within {timeout}s (other events: {seen})")

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def loop() -> Iterator[Tuple[Receiver, Mock]]:
    receiver = Receiver()
    mock = Mock("--webhook-url", receiver.url, "--rate-limit", "off")
    try:
        yield receiver, mock
    finally:
        mock.stop()
        receiver.stop()


def test_receive_fetch_reply_with_redelivery(loop: Tuple[Receiver, Mock]) -> None:
    receiver, mock = loop
    page_id = str(UserClient(USER_TOKEN, base_url=mock.url).pages.list()[0].id)
    page = PageClient(page_id, f"mock-page-token-{page_id}", base_url=mock.url)
    inbox = next(c for c in page.conversations.iter() if c.type == "INBOX")

    # A customer writes: the mock delivers a `messaging` event.
    sent = mock.control(
        "/__mock/webhooks/customer_message",
        {"page_id": page_id, "conversation_id": inbox.id, "message": "Còn size M không ạ?"},
    )
    event = receiver.wait_for("customer message", lambda e: e.dedup_key == sent["request_id"])
    assert isinstance(event, webhooks.MessagingEvent)
    assert event.message is not None and event.conversation is not None
    assert event.message.message == "Còn size M không ạ?"
    assert event.message.id == sent["message_id"]
    assert event.message.inserted_at.tzinfo is not None
    assert str(event.page_id) == page_id

    # Fetch the conversation, then reply through the API.
    conv_id = str(event.conversation.id)
    history = page.messages.list(conv_id)
    assert any(m.id == event.message.id for m in history.items)
    page.messages.send(conv_id, "Dạ còn ạ, shop gửi ảnh nhé")
    reply = receiver.wait_for(
        "reply",
        lambda e: (
            isinstance(e, webhooks.MessagingEvent)
            and e.message is not None
            and e.message.get("original_message") == "Dạ còn ạ, shop gửi ảnh nhé"
        ),
    )
    assert isinstance(reply, webhooks.MessagingEvent)
    assert reply.conversation is not None and reply.message is not None
    assert str(reply.message["from"]["id"]) == page_id
    assert reply.conversation.is_replied is True

    # Tag and assignment changes arrive as `conversation` events with increasing versions.
    tag = page.tags.list()[0]
    page.conversations.add_tag(conv_id, tag.id)
    tagged = receiver.wait_for(
        "tag change",
        lambda e: (
            isinstance(e, webhooks.ConversationEvent)
            and e.conversation is not None
            and tag.id in e.conversation.tags
        ),
    )
    user = page.users.list()[0]
    page.conversations.assign(conv_id, [user.id])
    assigned = receiver.wait_for(
        "assignment",
        lambda e: (
            isinstance(e, webhooks.ConversationEvent)
            and e.conversation is not None
            and user.id in e.conversation.assignee_ids
        ),
    )
    assert isinstance(tagged, webhooks.ConversationEvent) and tagged.conversation is not None
    assert isinstance(assigned, webhooks.ConversationEvent) and assigned.conversation is not None
    assert assigned.conversation.version > tagged.conversation.version

    # Every event the mock sent was processed exactly once, and some only after redelivery.
    deadline = time.monotonic() + 15
    while True:
        log = mock.control("/__mock/webhooks")["deliveries"]
        ids = {d["request_id"] for d in log}
        done = {d["request_id"] for d in log if d.get("status") == 200}
        if ids and done == ids:
            break
        assert time.monotonic() < deadline, f"undelivered: {ids - done}"
        time.sleep(0.05)
    with receiver.lock:
        processed = list(receiver.processed)
        redelivered = [k for k, n in receiver.deliveries.items() if n > 1]
    assert len(processed) == len(set(processed)) == len(ids) == 4
    assert set(processed) == ids
    assert redelivered and set(redelivered) <= receiver.failed_once
    retried = [d for d in log if d["attempt"] > 1]
    assert {d["request_id"] for d in retried} == set(redelivered)


def test_simulated_customer_messages_at_an_interval() -> None:
    receiver = Receiver()
    mock = Mock("--webhook-url", receiver.url, "--webhook-interval-ms", "50")
    try:
        keys: Set[str] = set()
        for _ in range(3):
            event = receiver.wait_for(
                "simulated message",
                lambda e: isinstance(e, webhooks.MessagingEvent) and e.dedup_key not in keys,
            )
            keys.add(event.dedup_key)
            assert isinstance(event, webhooks.MessagingEvent) and event.message is not None
            assert json.dumps(event.to_dict())
    finally:
        mock.stop()
        receiver.stop()


def test_no_webhook_url_means_no_deliveries(mock: Mock) -> None:
    state = mock.control("/__mock/webhooks")
    assert state == {"enabled": False, "deliveries": []}


def readme_receiver() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Webhooks (Python)", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the webhook section has one Python block"
    return str(blocks[0])


def test_readme_receiver_replies_once_per_event(monkeypatch: pytest.MonkeyPatch) -> None:
    mock = Mock("--rate-limit", "off")
    try:
        page_id = str(UserClient(USER_TOKEN, base_url=mock.url).pages.list()[0].id)
        monkeypatch.setenv("PANCAKE_BASE_URL", mock.url)
        monkeypatch.setenv("PANCAKE_PAGE_ID", page_id)
        monkeypatch.setenv("PANCAKE_PAGE_ACCESS_TOKEN", f"mock-page-token-{page_id}")
        namespace: Dict[str, Any] = {"__name__": "readme_receiver"}
        exec(compile(readme_receiver(), "README.md", "exec"), namespace)
        client = namespace["app"].test_client()
        page = PageClient(page_id, f"mock-page-token-{page_id}", base_url=mock.url)
        conv = next(c for c in page.conversations.iter() if c.type == "INBOX")
        body = json.dumps(
            {
                "event_type": "messaging",
                "page_id": page_id,
                "request_id": "readme-1",
                "data": {
                    "conversation": {"id": conv.id, "type": "INBOX"},
                    "message": {"id": "m1", "message": "hi", "from": {"id": "customer-psid"}},
                    "post": None,
                },
            }
        ).encode()
        # Delivered three times (redeliveries), plus an unreadable body and an unknown kind:
        # every answer is 200 at once.
        for data in (body, body, b"{not json", b'{"event_type":"new_kind"}', body):
            assert client.post("/hooks/pancake", data=data).status_code == 200

        def sends() -> List[Dict[str, Any]]:
            return [r for r in mock.journal() if r["op"] == "messages.send"]

        deadline = time.monotonic() + 10
        while not sends() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)  # a second reply would have been sent by now
        assert len(sends()) == 1
    finally:
        mock.stop()
