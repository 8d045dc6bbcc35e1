"""Pages synced in parallel under the real rate limit never draw a 429 from the server.

Found by ``make bench``: with the client's burst equal to the server's, the first request of
a page (which also opens the connection) arrives later than the next ones, so a later request
arrives "early" by the server's clock, draws a 429 and costs the page a whole ``Retry-After``
second. The client keeps one token of headroom (``RateLimit::with_headroom`` in core).
"""

from __future__ import annotations

import itertools
import threading
from typing import Dict, List

from conftest import Mock

from pancake_api import PageClient, UserClient

SINCE, UNTIL = 946684800, 1893456000
PER_PAGE = 1500  # 15 requests of 100 per page


def test_parallel_pages_draw_no_429() -> None:
    m = Mock("--pages", "4", "--customers", str(PER_PAGE * 3), "--rate-limit", "5")
    try:
        ids = [p.id for p in UserClient("mock-user-token", base_url=m.url).pages.list()]
        start = len(m.journal())
        got: Dict[str, int] = {}

        def sync(page_id: str) -> None:
            page = PageClient(page_id, f"mock-page-token-{page_id}", base_url=m.url)
            items = page.customers.iter(since=SINCE, until=UNTIL)
            got[page_id] = sum(1 for _ in itertools.islice(items, PER_PAGE))

        threads = [threading.Thread(target=sync, args=(i,)) for i in ids]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        sent: List[str] = [
            f"{r['path']}?{r['query']}"
            for r in m.journal()[start:]
            if r.get("op") == "customers.list"
        ]
        assert got == {i: PER_PAGE for i in ids}
        # One request per 100 customers, each sent once: a repeated request is a retry after
        # a 429. (A page may also have fetched the one after its 1,500th customer ahead.)
        assert len(sent) == len(set(sent)), sorted(sent)
        assert len(set(sent)) >= 4 * PER_PAGE // 100, len(sent)
    finally:
        m.stop()
