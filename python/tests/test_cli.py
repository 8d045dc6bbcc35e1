"""The export command: complete, and resumable after a kill with no duplicate and no gap."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import List

from conftest import Mock

from pancake_api import UserClient
from pancake_api.cli import main


def _page_id(mock: Mock) -> str:
    return str(UserClient("mock-user-token", base_url=mock.url).pages.list()[0].id)


def _args(mock: Mock, out: Path, *extra: str) -> List[str]:
    pid = _page_id(mock)
    return [
        "export",
        "customers",
        "--page-id",
        pid,
        "--token",
        f"mock-page-token-{pid}",
        "--base-url",
        mock.url,
        "--since",
        "2000-01-01",
        "--until",
        "2030-01-01",
        "--out",
        str(out),
        "--no-progress",
        *extra,
    ]


def test_export_jsonl_and_csv(mock: Mock, tmp_path: Path) -> None:
    out = tmp_path / "c.jsonl"
    assert main(_args(mock, out)) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) > 100
    assert not (tmp_path / "c.jsonl.resume").exists()
    out_csv = tmp_path / "c.csv"
    assert main(_args(mock, out_csv, "--format", "csv")) == 0
    with open(out_csv, newline="") as f:
        table = list(csv.DictReader(f))
    assert [r["id"] for r in table] == ids


def test_export_resumes_after_a_kill(tmp_path: Path) -> None:
    # Slow answers (300 ms a page) so the kill lands mid-export.
    mock = Mock("--rate-limit", "off", "--customers", "400")
    try:
        out = tmp_path / "c.jsonl"
        full = tmp_path / "full.jsonl"
        assert main(_args(mock, full)) == 0
        mock.control("/__mock/faults", {"route": "customers.list", "delay_ms": 300})
        proc = subprocess.Popen([sys.executable, "-m", "pancake_api.cli", *_args(mock, out)])
        deadline = time.time() + 20
        while time.time() < deadline and (not out.exists() or out.stat().st_size < 2000):
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert (tmp_path / "c.jsonl.resume").exists()
        partial = len(out.read_text().splitlines())
        assert 0 < partial < len(full.read_text().splitlines())
        assert main(_args(mock, out)) == 0
        assert out.read_text() == full.read_text()
    finally:
        mock.stop()
