"""The shared vectors of tests/vectors and fixtures of tests/fixtures, run through the Python
package: the same files core's Rust tests run, so the languages provably agree."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict

import pytest
from conftest import FIXTURES, load_vectors

import pancake_api
from pancake_api import _native
from pancake_api.errors import APIError, InvalidRequestError, PancakeError

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
MIN_MICROS = int((datetime(1, 1, 2, tzinfo=timezone.utc) - EPOCH).total_seconds()) * 1_000_000
MAX_MICROS = int((datetime(9999, 12, 30, tzinfo=timezone.utc) - EPOCH).total_seconds()) * 1_000_000
REQUEST_CASES = load_vectors("requests*.json")
TIME_CASES = [c for c in load_vectors("timestamps.json") if c["function"] == "parse_timestamp"]
PHONE_CASES = load_vectors("phones.json")


def test_vectors_were_found() -> None:
    assert len(REQUEST_CASES) > 200
    assert len(TIME_CASES) > 20
    assert len(PHONE_CASES) > 40


@pytest.mark.parametrize("case", REQUEST_CASES, ids=lambda c: f"{c['operation']}: {c['name']}")
def test_request_vectors(case: Dict[str, Any]) -> None:
    context = json.dumps(case.get("context") or {})
    params = json.dumps(case.get("params"))
    if "expect_error" in case:
        with pytest.raises(InvalidRequestError) as err:
            _native.build_request(context, case["operation"], params, True)
        assert err.value.param == case["expect_error"]["field"]
        return
    got = json.loads(_native.build_request(context, case["operation"], params, True))
    want = case["expect"]
    assert got["method"] == want["method"]
    assert got["url"] == want["url"]
    assert got["body"] == want.get("body")
    if "retry_safety" in want:
        assert got["retry_safety"] == want["retry_safety"]


def test_build_request_redacts_by_default() -> None:
    got = json.loads(
        _native.build_request(
            json.dumps({"page_id": "1", "page_access_token": "secret.jwt-token"}), "tags.list", "{}"
        )
    )
    assert "secret.jwt-token" not in got["url"]
    assert "[REDACTED]" in got["url"]


@pytest.mark.parametrize("case", TIME_CASES, ids=lambda c: str(c["name"]))
def test_timestamp_vectors(case: Dict[str, Any]) -> None:
    if "expect_error" in case:
        with pytest.raises(InvalidRequestError):
            pancake_api.parse_timestamp(case["input"])
        return
    micros = _native.parse_timestamp_micros(json.dumps(case["input"]))
    assert micros == case["expect_unix_micros"]
    if not MIN_MICROS <= micros <= MAX_MICROS:
        return  # outside what a Python datetime can hold (year 0): the micros are checked
    got = pancake_api.parse_timestamp(case["input"])
    assert got.tzinfo is not None and got.utcoffset() == timezone.utc.utcoffset(None)
    delta = got - EPOCH
    assert (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds == micros


@pytest.mark.parametrize("case", PHONE_CASES, ids=lambda c: str(c["name"]))
def test_phone_vectors(case: Dict[str, Any]) -> None:
    region = case.get("region", "VN")
    if case["function"] == "normalize_phone":
        if "expect_error" in case:
            with pytest.raises(InvalidRequestError) as err:
                pancake_api.normalize_phone(case["raw"], region)
            assert err.value.param == case["expect_error"]["field"]
        else:
            assert pancake_api.normalize_phone(case["raw"], region) == case["expect"]
    elif case["function"] == "extract_phones":
        assert pancake_api.extract_phones(case["text"], region) == case["expect"]
    else:
        pytest.fail(f"unknown function {case['function']}")


FIXTURE_FILES = sorted(p for p in FIXTURES.glob("*/*.json") if not p.name.endswith(".params.json"))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixtures_round_trip(path: Path) -> None:
    params_path = path.with_name(path.name[: -len(".json")] + ".params.json")
    params = params_path.read_text() if params_path.exists() else "{}"
    body = path.read_bytes()
    if path.name.startswith("error"):
        with pytest.raises(APIError):
            _native.parse_response(path.parent.name, params, 200, [], body)
        return
    parsed = json.loads(_native.parse_response(path.parent.name, params, 200, [], body))
    assert parsed == json.loads(body)
    model = pancake_api.Model(parsed)
    assert model.to_dict() == json.loads(body)


def test_fixtures_were_found() -> None:
    assert len(FIXTURE_FILES) > 60


def test_every_error_is_a_pancake_error() -> None:
    with pytest.raises(PancakeError):
        _native.parse_response("tags.list", "{}", 502, [], b"<html>Bad gateway</html>")
