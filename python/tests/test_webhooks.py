"""Webhook events: the shared vectors (tests/vectors/webhooks.json, also run by core's Rust
tests) through ``pancake_api.webhooks.parse``."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timezone
from typing import Any, Dict, List

import pytest
from conftest import load_vectors

import pancake_api
from pancake_api import webhooks
from pancake_api.errors import DecodeError

CASES = load_vectors("webhooks.json")


def body_of(case: Dict[str, Any]) -> bytes:
    if "body_text" in case:
        return str(case["body_text"]).encode()
    return json.dumps(case["body"], ensure_ascii=False).encode()


def pointer(value: Any, path: str) -> Any:
    for part in path.split("/")[1:]:
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def test_vectors_were_found() -> None:
    kinds = {c.get("expect_kind") for c in CASES}
    assert {"messaging", "conversation", "subscription", "post", "connect_status", "other"} <= kinds


@pytest.mark.parametrize("case", CASES, ids=lambda c: str(c["name"]))
def test_webhook_vectors(case: Dict[str, Any]) -> None:
    if "expect_error" in case:
        assert case["expect_error"] == "decode"
        with pytest.raises(DecodeError) as err:
            webhooks.parse(body_of(case))
        if "expect_error_contains" in case:
            assert case["expect_error_contains"] in str(err.value)
        return
    event = webhooks.parse(body_of(case))
    assert isinstance(event, webhooks.WebhookEvent)
    assert event.kind == case["expect_kind"]
    assert type(event).kind == case["expect_kind"]
    # Round trip: exactly the JSON received (as a value; key order follows the model).
    assert event.to_dict() == case["body"]
    for path, want in case.get("expect_fields", {}).items():
        assert pointer(event.to_dict(), path) == want, path
    for path, want in case.get("expect_timestamps", {}).items():
        got = pointer(event, path)
        assert isinstance(got, datetime), path
        assert got.tzinfo is not None
        expected = datetime.fromisoformat(want.replace("Z", "+00:00"))
        assert got == expected, path
    if "expect_dedup_key" in case:
        assert event.dedup_key == case["expect_dedup_key"]
    assert event.dedup_key


def documented(kind: str) -> bytes:
    for case in CASES:
        if case["name"].startswith("webhook.yaml") and case["expect_kind"] == kind:
            return body_of(case)
    raise AssertionError(kind)


def test_typed_accessors() -> None:
    event = webhooks.parse(documented("messaging"))
    assert isinstance(event, webhooks.MessagingEvent)
    assert event.message is not None
    assert event.message.id == "tt_7452304119832249857"
    assert event.message.inserted_at == datetime(2024, 12, 25, 11, 6, 7, tzinfo=timezone.utc)
    assert event.message["from"]["page_customer_id"] == "ddc7b38d-e23a-4bf6-8151-5bfc46105839"
    assert event.conversation is not None and event.conversation.type == "INBOX"
    assert event.post is not None and event.post.inserted_at.year == 2023

    conv = webhooks.parse(documented("conversation"))
    assert isinstance(conv, webhooks.ConversationEvent)
    assert conv.conversation is not None and conv.conversation.version == 306
    assert conv.timestamp == datetime(2026, 7, 17, 2, 26, 48, tzinfo=timezone.utc)
    assert conv.dedup_key == conv.request_id

    sub = webhooks.parse(documented("subscription"))
    assert isinstance(sub, webhooks.SubscriptionEvent)
    assert sub.subscription is not None
    assert sub.subscription.expired_at == datetime(2025, 5, 25, 3, 8, 48, tzinfo=timezone.utc)
    assert "page_id" not in sub

    post = webhooks.parse(documented("post"))
    assert isinstance(post, webhooks.PostEvent)
    assert post.post is not None and post.post.type == "livestream"

    status = webhooks.parse(documented("connect_status"))
    assert isinstance(status, webhooks.ConnectStatusEvent)
    assert status.connect_status == "disconnected"
    assert status.connected is False


def test_unknown_kind_is_kept() -> None:
    event = webhooks.parse(b'{"event_type":"reaction","data":{"n":1}}')
    assert isinstance(event, webhooks.OtherEvent)
    assert event.kind == "other"
    assert event.event_type == "reaction"
    assert event.data.n == 1


def test_inputs_and_errors() -> None:
    text = '{"event_type":"post","data":{}}'
    for body in (text, text.encode(), bytearray(text.encode()), memoryview(text.encode())):
        assert webhooks.parse(body).kind == "post"
    with pytest.raises(pancake_api.DecodeError):
        webhooks.parse(b"\xff\xfe")
    with pytest.raises(AttributeError):
        webhooks.parse(text).kind2  # noqa: B018


def test_dedup_key_without_request_id_is_stable() -> None:
    body = documented("messaging")
    a, b = webhooks.parse(body), webhooks.parse(body)
    assert a.dedup_key == b.dedup_key
    assert a.dedup_key.startswith("messaging:")
    assert a.dedup_key != webhooks.parse(documented("post")).dedup_key


def test_deduplicator() -> None:
    dedup = webhooks.Deduplicator(capacity=2)
    assert dedup.first_time("a")
    assert not dedup.first_time("a")
    assert dedup.first_time("b")
    assert dedup.first_time("c")  # evicts "a"
    assert len(dedup) == 2
    assert dedup.first_time("a")
    with pytest.raises(ValueError):
        webhooks.Deduplicator(capacity=0)

    shared = webhooks.Deduplicator()
    firsts: List[bool] = []
    lock = threading.Lock()

    def worker() -> None:
        for i in range(200):
            ok = shared.first_time(str(i))
            with lock:
                firsts.append(ok)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert firsts.count(True) == 200
