"""The shared client-option vectors through the real ``PageClient`` and ``UserClient``: the
settings core reads from Python's keyword arguments and the environment, and the option an
``InvalidRequestError`` names, must be what core's Rust tests expect from the same file."""

from __future__ import annotations

import json
from typing import Any, Dict, List

import pytest
from conftest import ROOT, load_vectors

from pancake_api import InvalidRequestError, PageClient, UserClient

CASES = [c for c in load_vectors("client_config.json") if c.get("face", "python") == "python"]
MANIFEST = json.loads((ROOT / "tests" / "schema" / "operations.json").read_text())
OPTIONS: List[Dict[str, Any]] = MANIFEST["client"]["options"]


def _python_name(name: str) -> str:
    for option in OPTIONS:
        if option["name"] == name and option["python"]:
            return str(option["python"])
    return name


def test_vectors_were_found() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_client_config(case: Dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    for var in MANIFEST["client"]["env_vars"]:
        monkeypatch.delenv(var, raising=False)
    for var, value in case.get("env", {}).items():
        monkeypatch.setenv(var, value)
    spelled = (
        case["options"]
        if "face" in case
        else {_python_name(k): v for k, v in case["options"].items()}
    )
    make = PageClient if case["client"] == "page" else UserClient
    if make is PageClient:
        # A page id that is not given reaches the client as None (`os.environ.get(...)`).
        spelled.setdefault("page_id", None)
    if "error" in case:
        with pytest.raises(InvalidRequestError) as err:
            make(**spelled)
        want = case["error"] if "face" in case else _python_name(case["error"])
        assert err.value.param == want
        return
    client = make(**spelled)
    assert json.loads(client._native.settings()) == case["expect"]
    assert client.base_url == case["expect"]["base_url"]


def test_the_python_client_keeps_no_token_outside_the_native_client() -> None:
    user = UserClient("user-secret-token", timeout=5)
    page = PageClient("1", "page-secret-token")
    for client in (user, page, user.page("2", "derived-secret-token")):
        seen = repr(client) + repr(vars(client))
        assert "secret-token" not in seen, seen
    # The derived page client keeps the user client's settings.
    assert json.loads(user.page("2", "t")._native.settings())["timeout_ms"] == 5000
