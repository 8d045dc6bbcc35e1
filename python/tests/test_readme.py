"""The README's Python quickstart, run as written against the mock (only the environment
variables it tells the reader to export point at this test's mock instead of port 8080)."""

from __future__ import annotations

import re
from typing import Any, Dict

import pytest

from conftest import ROOT, Mock


def quickstart() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the quickstart has one Python block"
    return str(blocks[0])


def test_readme_quickstart_runs(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    mock = Mock()  # the default rate limit, as a reader's mock would have
    try:
        monkeypatch.setenv("PANCAKE_BASE_URL", mock.url)
        monkeypatch.setenv("PANCAKE_ACCESS_TOKEN", "mock-user-token")
        namespace: Dict[str, Any] = {}
        exec(compile(quickstart(), "README.md", "exec"), namespace)
        out = capsys.readouterr().out
        assert namespace["checkpoint"]
        assert out.count("\n") > 100
        tagged = [r for r in mock.journal() if r["op"] == "conversations.add_tag"]
        assert len(tagged) == 1
    finally:
        mock.stop()
