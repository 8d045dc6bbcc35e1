"""``iter()`` fetches the next page ahead while the caller reads the current one.

Once a page is handed out, the page after it is fetched and decoded on a worker thread (as in
the npm package); it is adopted only when the caller asks for it, so resume tokens describe what was
handed out, an abandoned prefetch changes nothing, and an error of the prefetched page is
raised when that page is asked for, not earlier.
"""

from __future__ import annotations

import itertools
import time
import urllib.request
from typing import Any, Dict, Iterator, List
from urllib.parse import parse_qs

import pytest
from conftest import Mock

from pancake_api import PageClient, ServerError, UserClient

SINCE, UNTIL = 946684800, 1893456000
SIZE = 10


@pytest.fixture()
def server() -> Iterator[Mock]:
    m = Mock("--customers", "95", "--rate-limit", "off")
    try:
        yield m
    finally:
        m.stop()


def _page(m: Mock) -> PageClient:
    pid = str(UserClient("mock-user-token", base_url=m.url).pages.list()[0].id)
    return PageClient(pid, f"mock-page-token-{pid}", base_url=m.url, requests_per_second=None)


def _clear_journal(m: Mock) -> None:
    urllib.request.urlopen(
        urllib.request.Request(m.address + "/__mock/requests", method="DELETE")
    ).read()


def _page_numbers(m: Mock) -> List[int]:
    return [
        int(parse_qs(r["query"])["page_number"][0])
        for r in m.journal()
        if r.get("op") == "customers.list"
    ]


def _wait_for(m: Mock, pages: List[int]) -> List[int]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        got = _page_numbers(m)
        if got == pages:
            return got
        time.sleep(0.02)
    return _page_numbers(m)


def test_reading_the_first_page_fetches_only_the_next_one_ahead(server: Mock) -> None:
    page = _page(server)
    _clear_journal(server)
    it = page.customers.iter(since=SINCE, until=UNTIL, page_size=SIZE)
    assert len(list(itertools.islice(it, SIZE))) == SIZE
    # Page 2 is asked while the caller has not asked for it, and nothing beyond it.
    assert _wait_for(server, [1, 2]) == [1, 2]
    time.sleep(0.3)
    assert _page_numbers(server) == [1, 2]


def test_the_page_after_the_second_is_fetched_ahead(server: Mock) -> None:
    page = _page(server)
    full = [c.id for c in page.customers.iter(since=SINCE, until=UNTIL, page_size=SIZE)]
    assert len(full) == 95
    _clear_journal(server)
    it = page.customers.iter(since=SINCE, until=UNTIL, page_size=SIZE)
    head = [next(it).id for _ in range(2 * SIZE)]
    # Page 3 is requested while the caller has not asked for it yet.
    assert _wait_for(server, [1, 2, 3]) == [1, 2, 3]
    token = it.resume_token
    rest = [c.id for c in it]
    assert head + rest == full
    assert _page_numbers(server) == list(range(1, 11)), "each page exactly once"
    # The token taken while page 3 was being fetched ahead resumes after item 20.
    resumed = page.customers.iter(since=SINCE, until=UNTIL, page_size=SIZE, resume=token)
    assert [c.id for c in resumed] == full[2 * SIZE :]


def test_an_abandoned_prefetch_changes_nothing(server: Mock) -> None:
    page = _page(server)
    full = [c.id for c in page.customers.iter(since=SINCE, until=UNTIL, page_size=SIZE)]
    _clear_journal(server)
    it = page.customers.iter(since=SINCE, until=UNTIL, page_size=SIZE)
    head = [next(it).id for _ in range(2 * SIZE + 3)]  # into page 3, page 4 ahead
    assert _wait_for(server, [1, 2, 3, 4]) == [1, 2, 3, 4]
    token = it.resume_token
    del it
    resumed = page.customers.iter(since=SINCE, until=UNTIL, page_size=SIZE, resume=token)
    assert head + [c.id for c in resumed] == full


def test_an_error_of_the_page_ahead_is_raised_when_that_page_is_asked_for(
    server: Mock,
) -> None:
    page = _page(server)
    full = [c.id for c in page.customers.iter(since=SINCE, until=UNTIL, page_size=SIZE)]
    _clear_journal(server)
    # Requests 1 and 2 pass; the third (page 3, fetched ahead) gets a 500, never retried.
    server.control(
        "/__mock/faults", {"route": "customers.list", "status": 500, "skip": 2, "count": 1}
    )
    it = page.customers.iter(since=SINCE, until=UNTIL, page_size=SIZE)
    got: List[Any] = [next(it).id for _ in range(2 * SIZE)]  # pages 1 and 2: no error yet
    assert _wait_for(server, [1, 2, 3]) == [1, 2, 3]
    with pytest.raises(ServerError):
        next(it)
    # The failed page is asked again by the next call, and nothing is lost or repeated.
    got += [c.id for c in it]
    assert got == full
    seen: Dict[int, int] = {}
    for n in _page_numbers(server):
        seen[n] = seen.get(n, 0) + 1
    assert seen[3] == 2 and all(v == 1 for k, v in seen.items() if k != 3)
