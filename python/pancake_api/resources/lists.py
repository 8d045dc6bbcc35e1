"""``page.export``, ``page.call_logs``, ``page.posts``: read-only lists."""

from __future__ import annotations

from typing import Optional

from .._base import PageIterator, TimeInput, _params
from .._models import Page
from .._resource import Resource, operation
from ..models import CallLog, ExportedConversation, Post

__all__ = ["Export", "CallLogs", "Posts"]


class Export(Resource):
    """Bulk exports (``export_data``)."""

    @operation("export.conversations_from_ads")
    def conversations_from_ads(
        self, *, since: TimeInput, until: TimeInput, offset: Optional[int] = None
    ) -> Page[ExportedConversation]:
        """One batch (60) of conversations that came from ads, from ``offset``."""
        return self._client._list(
            "export.conversations_from_ads",
            _params(since=since, until=until, offset=offset),
            ExportedConversation,
        )

    @operation("export.conversations_from_ads")
    def iter_conversations_from_ads(
        self,
        *,
        since: TimeInput,
        until: TimeInput,
        resume: Optional[str] = None,
        progress: bool = False,
    ) -> PageIterator[ExportedConversation]:
        """Every conversation that came from ads."""
        return self._client._iter(
            "export.conversations_from_ads",
            _params(since=since, until=until),
            ExportedConversation,
            resume,
            progress,
        )


class CallLogs(Resource):
    """SIP call logs."""

    @operation("call_logs.list")
    def list(
        self,
        *,
        id: str,
        page_number: Optional[int] = None,
        page_size: Optional[int] = None,
        since: Optional[TimeInput] = None,
        until: Optional[TimeInput] = None,
    ) -> Page[CallLog]:
        """One page of the call logs of SIP package ``id``."""
        return self._client._list(
            "call_logs.list",
            _params(id=id, page_number=page_number, page_size=page_size, since=since, until=until),
            CallLog,
        )

    @operation("call_logs.list")
    def iter(
        self,
        *,
        id: str,
        page_size: Optional[int] = None,
        since: Optional[TimeInput] = None,
        until: Optional[TimeInput] = None,
        resume: Optional[str] = None,
        progress: bool = False,
    ) -> PageIterator[CallLog]:
        """Every call log of SIP package ``id``."""
        return self._client._iter(
            "call_logs.list",
            _params(id=id, page_size=page_size, since=since, until=until),
            CallLog,
            resume,
            progress,
        )


class Posts(Resource):
    """The page's posts."""

    @operation("posts.list")
    def list(
        self,
        *,
        since: TimeInput,
        until: TimeInput,
        page_number: Optional[int] = None,
        page_size: Optional[int] = None,
        type: Optional[str] = None,
    ) -> Page[Post]:
        """One page of posts (``page_size`` at most 30)."""
        return self._client._list(
            "posts.list",
            _params(
                since=since, until=until, page_number=page_number, page_size=page_size, type=type
            ),
            Post,
        )

    @operation("posts.list")
    def iter(
        self,
        *,
        since: TimeInput,
        until: TimeInput,
        page_size: Optional[int] = None,
        type: Optional[str] = None,
        resume: Optional[str] = None,
        progress: bool = False,
    ) -> PageIterator[Post]:
        """Every post between ``since`` and ``until``."""
        return self._client._iter(
            "posts.list",
            _params(since=since, until=until, page_size=page_size, type=type),
            Post,
            resume,
            progress,
        )
