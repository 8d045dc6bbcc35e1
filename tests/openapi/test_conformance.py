"""The mock answers as the official description says: every operation of `openapi.fixed.yaml`
(the official `openapi.yaml` with only its known flaws fixed, see its header) is called against a
running `pancake-mock`, and schemathesis checks each answer: no server error, a documented status
code, the documented content type, and a body that matches the response schema.

Every operation gets one explicit case with real ids (pages, conversations, customers, notes and
users taken from the mock's own lists) plus a few cases generated from the spec with the same ids
and tokens pinned, so optional parameters and body fields vary. Writes run on a freshly reset mock.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional
from urllib.parse import urlparse

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.adapter import responses as _responses
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

ROOT = Path(__file__).resolve().parents[2]
SPEC = Path(__file__).with_name("openapi.fixed.yaml")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
GENERATED_EXAMPLES = int(os.environ.get("PANCAKE_CONFORMANCE_EXAMPLES", "5"))
USER_TOKEN = "mock-user-token"
CHANGEABLE = {"gender", "birthday", "phone_numbers", "name"}

# The spec is self-contradictory about timestamps: it declares `format: date-time` (RFC 3339,
# offset required) but its own examples, and the live service, send naive ISO strings such as
# "2021-07-28T10:00:00" or "2025-12-13T04:59:23.856000". The response checks accept exactly that
# shape (an optional offset, nothing looser); every other format stays as schemathesis checks it.
NAIVE_OR_RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)?")
_supplemental_formats = _responses.supplemental_formats


def _formats(validator_cls: Any) -> Dict[str, Any]:
    formats = dict(_supplemental_formats(validator_cls))
    formats["date-time"] = lambda value: bool(NAIVE_OR_RFC3339.fullmatch(value))
    return formats


_responses.supplemental_formats = _formats

SCHEMA = schemathesis.openapi.from_path(str(SPEC))
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


class Mock:
    """A running `pancake-mock` (same pattern as python/tests/conftest.py)."""

    def __init__(self, *args: str) -> None:
        binary = os.environ.get("PANCAKE_MOCK_BIN") or str(
            ROOT / "target" / "debug" / "pancake-mock"
        )
        if not Path(binary).exists():
            raise RuntimeError(
                f"pancake-mock not built at {binary}: run `cargo build -p pancake-mock`"
            )
        self.proc = subprocess.Popen(
            [binary, "--port", "0", "--seed", "42", *args], stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None
        self.address = self.proc.stdout.readline().strip()
        if not self.address.startswith("http"):
            self.proc.kill()
            raise RuntimeError(f"pancake-mock did not print its address: {self.address!r}")

    def get(self, path: str) -> Any:
        with urllib.request.urlopen(self.address + path) as resp:
            return json.loads(resp.read().decode())

    def reset(self) -> None:
        req = urllib.request.Request(
            self.address + "/__mock/reset",
            data=b"{}",
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req) as resp:
            resp.read()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="module")
def mock() -> Iterator[Mock]:
    m = Mock("--rate-limit", "off")
    yield m
    m.stop()


@pytest.fixture(scope="module")
def ids(mock: Mock) -> Dict[str, Any]:
    """Real ids read from the mock's own lists (the first page)."""
    page_id = str(mock.get(f"/api/v1/pages?access_token={USER_TOKEN}")["pages"][0]["id"])
    token = f"mock-page-token-{page_id}"
    base = f"/api/public_api/v1/pages/{page_id}"
    conversations = mock.get(
        f"/api/public_api/v2/pages/{page_id}/conversations?page_access_token={token}"
    )["conversations"]
    inbox = next(c for c in conversations if c["type"] == "INBOX")
    comment = next(c for c in conversations if c["type"] == "COMMENT")
    customers = mock.get(
        f"{base}/page_customers?page_access_token={token}&since=0&until={int(time.time())}"
        "&page_number=1&page_size=100"
    )["customers"]
    with_note = next(c for c in customers if c.get("notes"))
    users = mock.get(f"{base}/users?page_access_token={token}")["users"]
    tags = mock.get(f"{base}/tags?page_access_token={token}")["tags"]
    messages = mock.get(f"{base}/conversations/{comment['id']}/messages?page_access_token={token}")[
        "messages"
    ]
    customer_message = next(m for m in messages if str(m["from"]["id"]) != page_id)
    return {
        "page_id": page_id,
        "token": token,
        "inbox": str(inbox["id"]),
        "comment": str(comment["id"]),
        "post_id": str(comment.get("post_id")),
        "comment_message_id": str(customer_message["id"]),
        "comment_from_id": str(customer_message["from"]["id"]),
        "customer_id": str(with_note["id"]),
        "psid": str(with_note["psid"]),
        "note_id": str(with_note["notes"][0]["id"]),
        "user_id": str(users[0]["id"]),
        "tag_id": str(tags[0]["id"]),
    }


def pinned(key: str, ids: Dict[str, Any]) -> Dict[str, Any]:
    """What each operation must get right for the mock to have something to answer about:
    real ids and tokens, a valid time window. `body` is merged over generated bodies,
    `defaults` fill what a generated body leaves out or empty (fields the spec does not mark
    required but without which there is nothing to do: a note's text, a customer's changes),
    `whole_body` replaces them."""
    page = {"page_id": ids["page_id"]}
    token = {"page_access_token": ids["token"]}
    now = int(time.time())
    window = {"since": now - 20 * 86400, "until": now}
    conv = {**page, "conversation_id": ids["inbox"]}
    customer = {**page, "page_customer_id": ids["customer_id"]}
    table: Dict[str, Dict[str, Any]] = {
        "GET /pages": {"query": {"access_token": USER_TOKEN}},
        "POST /pages/{page_id}/generate_page_access_token": {
            "path": page,
            "query": {**page, "access_token": USER_TOKEN},
        },
        "GET /pages/{page_id}/conversations": {
            "path": page,
            # The cursor must name a conversation that survives the generated filters.
            "query": {
                **token,
                "since": 0,
                "until": now,
                "tags": ids["tag_id"],
                "last_conversation_id": "",
            },
            "example_query": {
                **token,
                "last_conversation_id": ids["inbox"],
                "order_by": "updated_at",
            },
        },
        "POST /pages/{page_id}/conversations/{conversation_id}/tags": {
            "path": conv,
            "query": token,
            "body": {"tag_id": ids["tag_id"]},
            "example": {"action": "add", "tag_id": ids["tag_id"]},
        },
        "POST /pages/{page_id}/conversations/{conversation_id}/assign": {
            "path": conv,
            "query": token,
            "body": {"assignee_ids": [ids["user_id"]]},
        },
        "POST /pages/{page_id}/conversations/{conversation_id}/read": {
            "path": conv,
            "query": token,
        },
        "POST /pages/{page_id}/conversations/{conversation_id}/unread": {
            "path": conv,
            "query": token,
        },
        "GET /pages/{page_id}/conversations/{conversation_id}/messages": {
            "path": conv,
            "query": {**token, "current_count": 30},
        },
        "POST /pages/{page_id}/conversations/{conversation_id}/messages": {
            "path": conv,
            "query": token,
            "whole_body": {"action": "reply_inbox", "message": "Xin chào, cảm ơn bạn!"},
            "examples": [
                (
                    {**page, "conversation_id": ids["comment"]},
                    {
                        "action": "reply_comment",
                        "message_id": ids["comment_message_id"],
                        "message": "Cảm ơn bạn đã bình luận",
                    },
                ),
                (
                    {**page, "conversation_id": ids["comment"]},
                    {
                        "action": "private_replies",
                        "post_id": ids["post_id"],
                        "message_id": ids["comment_message_id"],
                        "from_id": ids["comment_from_id"],
                        "message": "Shop đã nhắn tin cho bạn",
                    },
                ),
            ],
        },
        "GET /pages/{page_id}/statistics/pages_campaigns": {
            "path": page,
            "query": {**token, **window},
        },
        "GET /pages/{page_id}/statistics/ads": {
            "path": page,
            "query": {**token, **window, "type": "by_id"},
        },
        "GET /pages/{page_id}/statistics/customer_engagements": {
            "path": page,
            "query": {**token, "date_range": "27/07/2021 00:00:00 - 26/08/2021 23:59:59"},
        },
        "GET /pages/{page_id}/statistics/pages": {"path": page, "query": {**token, **window}},
        "GET /pages/{page_id}/statistics/tags": {"path": page, "query": {**token, **window}},
        "GET /pages/{page_id}/statistics/users": {
            "path": page,
            "query": {**token, "date_range": "27/07/2021 00:00:00 - 26/08/2021 23:59:59"},
        },
        "GET /pages/{page_id}/statistics/page_customers": {
            "path": page,
            "query": {**token, "date_range": "20/07/2020 - 20/08/2020"},
        },
        "GET /pages/{page_id}/export_data": {
            "path": page,
            "query": {**token, **window, "action": "conversations_from_ads", "offset": 0},
        },
        "GET /pages/{page_id}/page_customers": {
            "path": page,
            "query": {**token, "since": 0, "until": now, "page_number": 1, "page_size": 50},
        },
        "PUT /pages/{page_id}/page_customers/{page_customer_id}": {
            "path": customer,
            "query": token,
            "defaults": {"changes": {"gender": "female"}},
            "example": {"changes": {"name": "Nguyễn Văn Ánh", "phone_numbers": ["0328290781"]}},
        },
        "GET /pages/{page_id}/avatar/{psid}": {"path": {**page, "psid": ids["psid"]}},
        "POST /pages/{page_id}/page_customers/{page_customer_id}/notes": {
            "path": customer,
            "query": token,
            "defaults": {"message": "Khách thích gọi buổi chiều."},
            "example": {"message": "Khách thích gọi buổi chiều."},
        },
        "PUT /pages/{page_id}/page_customers/{page_customer_id}/notes": {
            "path": customer,
            "query": token,
            "body": {"note_id": ids["note_id"]},
            "defaults": {"message": "Đã cập nhật"},
            "example": {"note_id": ids["note_id"], "message": "Đã cập nhật"},
        },
        "DELETE /pages/{page_id}/page_customers/{page_customer_id}/notes": {
            "path": customer,
            "query": token,
            "body": {"note_id": ids["note_id"]},
        },
        "GET /pages/{page_id}/sip_call_logs": {
            "path": page,
            "query": {**token, "id": "sip-1", "page_number": 1, "page_size": 30},
        },
        "GET /pages/{page_id}/tags": {"path": page, "query": token},
        "GET /pages/{page_id}/posts": {
            "path": page,
            "query": {**token, **window, "page_number": 1, "page_size": 30},
        },
        "GET /pages/{page_id}/users": {"path": page, "query": token},
        "POST /pages/{page_id}/round_robin_users": {
            "path": page,
            "query": token,
            "body": {"inbox": [ids["user_id"]], "comment": [ids["user_id"]]},
        },
        "POST /pages/{page_id}/upload_contents": {
            "path": page,
            "query": token,
            "whole_body": {"file": b"\x89PNG\r\n\x1a\n mock image"},
        },
        "POST /pke_chat_plugin/messages": {
            "query": page,
            "body": {"from_id": "web_123", "dummy_id": 1765875902892, "inserted_at": 1765875902892},
            "defaults": {"message": "Hello!"},
            "example": {
                "message": "Hello! How can I help you?",
                "from_id": "web_123",
                "dummy_id": 1765875902892,
                "inserted_at": 1765875902892,
            },
        },
        "GET /pke_chat_plugin/messages": {
            "query": {**page, "conversation_id": f"{ids['page_id']}_web_123", "offset": 0},
        },
    }
    return table[key]


def base_url(mock: Mock, operation: Any) -> str:
    """The operation's own server (`/api/v1`, `/api/public_api/v1` or `/v2`) on the mock."""
    servers = operation.definition.raw.get("servers") or SCHEMA.raw_schema["servers"]
    return mock.address + urlparse(servers[0]["url"]).path


def check(mock: Mock, operation: Any, case: Any) -> None:
    if operation.method.upper() != "GET":
        mock.reset()
    response = case.call(base_url=base_url(mock, operation), allow_redirects=False, timeout=10)
    case.validate_response(response, checks=CHECKS)


def key_of(operation: Any) -> str:
    return f"{operation.method.upper()} {operation.path}"


@pytest.mark.parametrize("operation", OPERATIONS, ids=key_of)
def test_operation_conforms(mock: Mock, ids: Dict[str, Any], operation: Any) -> None:
    pin = pinned(key_of(operation), ids)
    path = pin.get("path")
    query = pin.get("query")
    media_type: Optional[str] = None
    if operation.body:
        media_type = operation.body[0].media_type

    # The explicit cases: only documented example values, nothing generated.
    examples: List[Any] = []
    if "whole_body" in pin:
        examples.append((path, pin["whole_body"]))
    elif operation.body:
        examples.append((path, pin.get("example", pin.get("body", {}))))
    else:
        examples.append((path, None))
    examples.extend(pin.get("examples", []))
    for ex_path, ex_body in examples:
        kwargs: Dict[str, Any] = {
            "path_parameters": ex_path,
            "query": pin.get("example_query", query),
        }
        if ex_body is not None:
            kwargs.update(body=ex_body, media_type=media_type)
        check(mock, operation, operation.Case(**kwargs))

    # Generated cases: ids, tokens and windows pinned, everything else from the spec.
    strategy_kwargs: Dict[str, Any] = {"path_parameters": path, "query": query}
    if "whole_body" in pin:
        strategy_kwargs.update(body=pin["whole_body"], media_type=media_type)
    elif media_type is not None:
        strategy_kwargs.update(media_type=media_type)
    strategy = operation.as_strategy(**strategy_kwargs)

    @settings(
        max_examples=GENERATED_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data: Any) -> None:
        case = data.draw(strategy)
        if isinstance(case.body, dict):
            for name, value in pin.get("defaults", {}).items():
                if not case.body.get(name):
                    case.body[name] = value
            case.body.update(pin.get("body", {}))
            changes = case.body.get("changes")
            if isinstance(changes, dict):
                # The spec's `changes` does not forbid other keys; the mock rejects them (400
                # "... is not a field that can be changed") so a typo cannot pass unnoticed.
                case.body["changes"] = {k: v for k, v in changes.items() if k in CHANGEABLE}
        check(mock, operation, case)

    run()
    mock.reset()


def test_every_operation_is_pinned(mock: Mock, ids: Dict[str, Any]) -> None:
    """A new operation in the spec must get real ids here, not be silently skipped."""
    assert len(OPERATIONS) == 31
    for operation in OPERATIONS:
        pinned(key_of(operation), ids)


def test_checks_catch_a_drifting_mock(mock: Mock, ids: Dict[str, Any]) -> None:
    """The checks can fail: with the mock's `drift` fault (numbers sent as strings) the same
    request that passes above is rejected."""
    operation = next(op for op in OPERATIONS if key_of(op) == "GET /pages/{page_id}/tags")
    pin = pinned(key_of(operation), ids)
    case = operation.Case(path_parameters=pin["path"], query=pin["query"])
    req = urllib.request.Request(
        mock.address + "/__mock/faults",
        data=json.dumps({"spec": "tags.list=drift"}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    urllib.request.urlopen(req).read()
    try:
        response = case.call(base_url=base_url(mock, operation), timeout=10)
        with pytest.raises(FailureGroup) as failures:
            case.validate_response(response, checks=CHECKS)
        titles = [failure.title for failure in failures.value.exceptions]
        assert titles == ["Response violates schema"]
    finally:
        mock.reset()


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2021-07-28T10:00:00", True),
        ("2025-12-13T04:59:23.856000", True),
        ("2023-04-05T02:22:06.689494Z", True),
        ("2024-01-01T00:00:00+07:00", True),
        ("2021-07-28", False),
        ("28/07/2021 10:00:00", False),
        ("1627466400", False),
    ],
)
def test_date_time_is_relaxed_only_for_naive_iso(value: str, valid: bool) -> None:
    assert bool(NAIVE_OR_RFC3339.fullmatch(value)) is valid
