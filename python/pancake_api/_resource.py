"""What every resource shares: the client it calls through and the operation names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

if TYPE_CHECKING:
    from ._base import _BaseClient

F = TypeVar("F", bound=Callable[..., Any])


def operation(name: str) -> Callable[[F], F]:
    """Marks a method as the Python face of core operation ``name``.

    The tests check every marked method's keyword parameters against the parameter names core
    reports for the operation, so the Python signatures cannot drift from the Rust ones.
    """

    def mark(fn: F) -> F:
        fn.__pancake_operation__ = name  # type: ignore[attr-defined]
        return fn

    return mark


class Resource:
    """A group of endpoints (``page.customers``) bound to a client."""

    def __init__(self, client: "_BaseClient") -> None:
        self._client = client

    def _page_id(self) -> Optional[str]:
        """The client's page id, for the operations that send it as a parameter."""
        page_id: Optional[str] = getattr(self._client, "page_id", None)
        return page_id

    def __repr__(self) -> str:
        return f"<{type(self).__name__} resource>"
