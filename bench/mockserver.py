"""Starts and stops ``pancake-mock`` for the demo and the benchmarks (stdlib only)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import urllib.request
from typing import Any, List, Optional

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MOCK = os.environ.get("PANCAKE_MOCK", os.path.join(ROOT, "target", "release", "pancake-mock"))
USER_TOKEN = "mock-user-token"

#: The window every seeded customer falls in (the mock spreads them over the 180 days
#: before 2026-01-01 UTC).
SINCE = 1_767_225_600 - 200 * 86_400
UNTIL = 1_767_225_600 + 86_400


class Mock:
    """A running ``pancake-mock`` on loopback; use as a context manager."""

    def __init__(self, *args: str) -> None:
        if not os.path.exists(MOCK):
            raise SystemExit(f"{MOCK} is missing: run `cargo build --release -p pancake-mock`")
        self.proc = subprocess.Popen(
            [MOCK, "--port", "0", "--seed", "42", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.proc.stdout is not None
        self.url = self.proc.stdout.readline().strip()
        if not self.url.startswith("http://"):
            self.stop()
            raise SystemExit(f"pancake-mock did not start (printed {self.url!r})")
        self.api = self.url + "/api"

    def __enter__(self) -> "Mock":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def get(self, path: str) -> Any:
        with urllib.request.urlopen(self.url + path) as r:
            return json.loads(r.read())

    def pages(self) -> List[str]:
        data = self.get(f"/api/v1/pages?access_token={USER_TOKEN}")
        return [str(p["id"]) for p in data["pages"]]

    def journal(self) -> List[Any]:
        data = self.get("/__mock/requests")
        return data if isinstance(data, list) else data.get("requests", [])

    def clear_journal(self) -> None:
        req = urllib.request.Request(self.url + "/__mock/requests", method="DELETE")
        urllib.request.urlopen(req).read()

    def reset(self) -> None:
        req = urllib.request.Request(self.url + "/__mock/reset", method="POST", data=b"")
        urllib.request.urlopen(req).read()


def page_token(page_id: str) -> str:
    """The mock's page access token of ``page_id``."""
    return f"mock-page-token-{page_id}"


def count_repeats(journal: List[Any], op: Optional[str] = None) -> int:
    """Requests in the journal that repeat an earlier one exactly (retries, e.g. after a 429)."""
    sent = [f"{r['path']}?{r.get('query', '')}" for r in journal if op is None or r.get("op") == op]
    return len(sent) - len(set(sent))


def count_ops(journal: List[Any], op: Optional[str] = None) -> int:
    """Requests in the journal (of operation ``op`` if given)."""
    return sum(1 for r in journal if op is None or r.get("op") == op)
