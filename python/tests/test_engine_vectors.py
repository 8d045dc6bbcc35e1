"""The shared response, pagination, retry and rate-limit vectors through the Python package's
native module: the exceptions Python raises and the requests its pagers make must match what
core's Rust tests expect from the same files."""

from __future__ import annotations

import base64
import json
from typing import Any, Dict, List, Optional

import pytest
from conftest import load_vectors

from pancake_api import _native
from pancake_api.errors import PancakeError

RESPONSES = load_vectors("responses.json")
PAGINATION = load_vectors("pagination.json")
RETRY = load_vectors("retry.json")
RATELIMIT = load_vectors("ratelimit.json")


def test_vectors_were_found() -> None:
    assert len(RESPONSES) > 40 and len(PAGINATION) > 15
    assert len(RETRY) > 20 and len(RATELIMIT) > 10


def _body(case: Dict[str, Any]) -> bytes:
    if "body_base64" in case:
        return base64.b64decode(case["body_base64"])
    body = case.get("body", "")
    return body.encode() if isinstance(body, str) else json.dumps(body).encode()


def _headers(case: Dict[str, Any]) -> List[Any]:
    return [(k, str(v)) for k, v in (case.get("headers") or {}).items()]


@pytest.mark.parametrize("case", RESPONSES, ids=lambda c: str(c["name"]))
def test_response_vectors(case: Dict[str, Any]) -> None:
    want = case["expect"]
    status, headers, body = case["status"], _headers(case), _body(case)

    def run() -> None:
        if case.get("operation"):
            _native.parse_response(
                case["operation"], json.dumps(case.get("params") or {}), status, headers, body
            )
        else:
            _native.check_response(status, headers, body)

    if want.get("ok"):
        run()
        return
    with pytest.raises(PancakeError) as info:
        run()
    err: Any = info.value
    assert err.kind == want["kind"], repr(err)
    if "status" in want:
        assert getattr(err, "status", None) == want["status"]
    if "code" in want:
        assert getattr(err, "code", None) == want["code"]
    if "retry_after_ms" in want:
        got = getattr(err, "retry_after", None)
        expected = want["retry_after_ms"]
        assert (None if got is None else round(got * 1000)) == expected
    if "message" in want:
        assert want["message"] in str(err)
    if "message_contains" in want:
        assert want["message_contains"] in str(err)
    if "body_contains" in want:
        assert want["body_contains"] in getattr(err, "body", "")
    if "must_not_contain" in want:
        text = f"{err} {err!r} {getattr(err, 'body', '')} {err.args}"
        secrets = want["must_not_contain"]
        for secret in [secrets] if isinstance(secrets, str) else secrets:
            assert secret not in text


def _key(v: Any) -> str:
    if isinstance(v, str):
        return v
    if v is None:
        return ""
    return json.dumps(v)


@pytest.mark.parametrize("case", PAGINATION, ids=lambda c: str(c["name"]))
def test_pagination_vectors(case: Dict[str, Any]) -> None:
    op, params = case["operation"], json.dumps(case.get("params"))
    context = json.dumps(case.get("context") or {})
    key_field = case.get("key_field", "id")
    pager = _native.offline_pager(op, params, case.get("resume"))
    for i, step in enumerate(case["steps"]):
        req: Optional[str] = pager.next_request(context)
        assert req is not None, f"step {i}: the pager ended early"
        assert json.loads(req)["url"] == step["expect_request_url"], f"step {i}"
        r = step["response"]
        if "expect_error" in step:
            with pytest.raises(PancakeError) as info:
                pager.feed(r.get("status", 200), _headers(r), _body(r))
            assert info.value.kind == step["expect_error"]["kind"]
        else:
            items = json.loads(pager.feed(r.get("status", 200), _headers(r), _body(r)))
            assert [_key(it.get(key_field)) for it in items] == [
                _key(k) for k in step["expect_items_keys"]
            ], f"step {i}"
        if step.get("resume_here"):
            pager = _native.offline_pager(op, params, pager.resume_token())
    done = pager.next_request(context) is None
    assert done == case.get("expect_done", True)
    assert pager.is_done() == case.get("expect_done", True)


@pytest.mark.parametrize("case", RETRY, ids=lambda c: str(c["name"]))
def test_retry_vectors(case: Dict[str, Any]) -> None:
    retry, after = _native.retry_decide(
        json.dumps(case.get("policy") or {}),
        case["attempt"],
        json.dumps(case["outcome"]),
        case["safety"],
        case["jitter"],
    )
    want = case["expect"]
    assert retry == (want["decision"] == "retry")
    if retry:
        assert after == want["after_ms"]


@pytest.mark.parametrize("case", RATELIMIT, ids=lambda c: str(c["name"]))
def test_ratelimit_vectors(case: Dict[str, Any]) -> None:
    limit = case.get("limit", {"requests_per_second": 5, "burst": 5})
    limiter = _native.RateLimiter(None if limit is None else json.dumps(limit))
    for i, step in enumerate(case["steps"]):
        if step["op"] == "penalize":
            limiter.penalize(step.get("key"), step["until_ms"])
            continue
        got = limiter.acquire(step.get("key"), step["now_ms"])
        want = step["expect"]
        assert got == (None if want == "ok" else want["wait_ms"]), f"step {i}"
