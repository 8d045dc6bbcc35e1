"""The Python signatures are checked against core's parameter names, so they cannot drift."""

from __future__ import annotations

import inspect
from typing import Any, Callable, Dict, List, Set, Tuple

import pytest

from pancake_api import _native
from pancake_api.resources import (
    CallLogs,
    ChatPlugin,
    Contents,
    Conversations,
    Customers,
    Export,
    Messages,
    Pages,
    PageStatistics,
    Posts,
    Tags,
    Users,
    UserStatistics,
)

RESOURCES = [
    CallLogs,
    ChatPlugin,
    Contents,
    Conversations,
    Customers,
    Export,
    Messages,
    Pages,
    PageStatistics,
    Posts,
    Tags,
    Users,
    UserStatistics,
]

# Parameters a Python method takes for the caller's comfort, not sent as such.
PYTHON_ONLY = {"resume", "progress"}
# Core parameters the Python method fills in itself, or takes under a different shape.
FILLED_IN: Dict[str, Set[str]] = {
    "contents.upload": {"data_base64"},  # `file` (bytes, path or file object) becomes it
    "chat_plugin.send": {"page_id"},  # the client's page
    "chat_plugin.list": {"page_id"},
    "customers.update": {"changes"},  # built from the keyword arguments below
    "export.conversations_from_ads": {"action"},  # the only action there is
}
RENAMED = {"contents.upload": {"file"}}
NESTED = {"customers.update": {"name", "gender", "birthday", "phone_numbers"}}
# Paging parameters the iterator drives itself.
DRIVEN = {"last_conversation_id", "page_number", "current_count", "offset"}


def methods() -> List[Tuple[str, Callable[..., Any]]]:
    out = []
    for cls in RESOURCES:
        for _name, fn in inspect.getmembers(cls, inspect.isfunction):
            op = getattr(fn, "__pancake_operation__", None)
            if op:
                out.append((op, fn))
    return out


def test_every_operation_has_a_python_method() -> None:
    covered = {op for op, _ in methods()}
    # avatar.url is exposed as the module helper pancake_api.avatar_url.
    missing = set(_native.operation_names()) - covered - {"avatar.url"}
    assert not missing, f"operations without a Python method: {sorted(missing)}"


@pytest.mark.parametrize("op,fn", methods(), ids=lambda x: x if isinstance(x, str) else x.__name__)
def test_signature_matches_core(op: str, fn: Callable[..., Any]) -> None:
    core = set(_native.param_names(op))
    python = set(inspect.signature(fn).parameters) - {"self"}
    python -= PYTHON_ONLY | RENAMED.get(op, set()) | NESTED.get(op, set())
    unknown = python - core
    assert not unknown, f"{fn.__qualname__} takes {unknown} that core's {op} does not know"
    expected = core - FILLED_IN.get(op, set())
    if fn.__name__.startswith("iter"):
        expected -= DRIVEN
    missing = expected - python
    assert not missing, f"{fn.__qualname__} lacks {missing} of core's {op}"
