"""``tests/vectors/resume_after_stop.json`` against the real mock.

Each case hands out ``stop_after`` records, stops the iteration (a ``break``, the caller no
longer calling ``next()``, an exception raised in the loop body, or the next page's request
failing while it is in flight: a timeout here, as Python takes no abort signal), reads
``resume_token`` after the loop and checks that resuming from it gives exactly the rest.
"""

from __future__ import annotations

import json
import math
from typing import Any, Dict, Iterator, List

import pytest
from conftest import VECTORS, Mock

from pancake_api import APITimeoutError, PageClient, UserClient
from pancake_api._base import PageIterator

DOC: Dict[str, Any] = json.loads((VECTORS / "resume_after_stop.json").read_text())
PARAMS: Dict[str, Any] = DOC["list"]["params"]
RESOURCE, METHOD = DOC["list"]["face"].split(".")


class Stop(Exception):
    pass


@pytest.fixture(scope="module")
def server() -> Iterator[Mock]:
    m = Mock("--customers", str(DOC["records"]), "--rate-limit", "off")
    try:
        yield m
    finally:
        m.stop()


def _page(m: Mock, **options: Any) -> PageClient:
    pid = str(UserClient("mock-user-token", base_url=m.url).pages.list()[0].id)
    return PageClient(
        pid, f"mock-page-token-{pid}", base_url=m.url, requests_per_second=None, **options
    )


def _iterate(page: PageClient, **extra: Any) -> PageIterator[Any]:
    it: PageIterator[Any] = getattr(getattr(page, RESOURCE), METHOD)(**PARAMS, **extra)
    return it


def _clear(m: Mock) -> None:
    for path in ("/__mock/faults", "/__mock/requests"):
        m.delete(path)


def _stop_early(page: PageClient, case: Dict[str, Any]) -> tuple[PageIterator[Any], List[str]]:
    it = _iterate(page)
    head: List[str] = []
    how, stop = case["how"], case["stop_after"]
    if how == "break":
        for item in it:
            head.append(item.id)
            if len(head) == stop:
                break
    elif how == "throw":
        with pytest.raises(Stop):
            for item in it:
                head.append(item.id)
                if len(head) == stop:
                    raise Stop
    elif how == "return":
        head = [next(it).id for _ in range(stop)]
    elif how == "abort":
        head = [next(it).id for _ in range(stop)]
        with pytest.raises(APITimeoutError):
            next(it)
    else:
        raise AssertionError(f"{case['name']}: unknown how {how}")
    return it, head


@pytest.mark.parametrize("case", DOC["cases"], ids=[c["name"] for c in DOC["cases"]])
def test_resume_after_stop(server: Mock, case: Dict[str, Any]) -> None:
    full = [c.id for c in _iterate(_page(server))]
    assert len(full) == DOC["records"]
    _clear(server)
    if "next_page_delay_ms" in case:
        # The page after the one being read when the caller stops.
        skip = math.ceil(case["stop_after"] / PARAMS["page_size"])
        server.control(
            "/__mock/faults",
            {
                "route": DOC["list"]["operation"],
                "delay_ms": case["next_page_delay_ms"],
                "skip": skip,
                "count": 1,
            },
        )
    # An abort is the next page's request timing out, with no retry.
    options = {"timeout": 0.5, "max_retries": 0} if case["how"] == "abort" else {}
    it, head = _stop_early(_page(server, **options), case)
    assert len(head) == case["stop_after"]
    token = it.resume_token
    _clear(server)
    rest = [c.id for c in _iterate(_page(server), resume=token)]
    assert head + rest == full
