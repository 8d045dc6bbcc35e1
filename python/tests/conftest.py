"""Test helpers: start the real `pancake-mock` binary on port 0 and stop it afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"
FIXTURES = ROOT / "tests" / "fixtures"


def mock_binary() -> str:
    path = os.environ.get("PANCAKE_MOCK_BIN") or str(ROOT / "target" / "debug" / "pancake-mock")
    if not Path(path).exists():
        raise RuntimeError(f"pancake-mock not built at {path}: run `cargo build -p pancake-mock`")
    return path


class Mock:
    """A running mock server; `url` is its base URL for the SDK (`.../api`)."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [mock_binary(), "--port", "0", "--seed", "42", *args],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        self.address = self.proc.stdout.readline().strip()
        if not self.address.startswith("http"):
            self.proc.kill()
            raise RuntimeError(f"pancake-mock did not print its address: {self.address!r}")
        self.url = self.address + "/api"

    def control(self, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self.address + path,
            data=data,
            method="GET" if body is None else "POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req) as resp:
            text = resp.read().decode()
        return json.loads(text) if text else None

    def delete(self, path: str) -> None:
        """DELETE a control route (`/__mock/faults`, `/__mock/requests`)."""
        req = urllib.request.Request(self.address + path, method="DELETE")
        with urllib.request.urlopen(req) as resp:
            resp.read()

    def journal(self) -> List[Dict[str, Any]]:
        return list(self.control("/__mock/requests")["requests"])

    def reset(self) -> None:
        self.control("/__mock/reset", {})

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="session")
def mock() -> Iterator[Mock]:
    m = Mock()
    yield m
    m.stop()


def load_vectors(pattern: str) -> List[Dict[str, Any]]:
    cases: List[Dict[str, Any]] = []
    for path in sorted(VECTORS.glob(pattern)):
        cases.extend(json.loads(path.read_text())["cases"])
    return cases
