"""The clients: :class:`PageClient` for one page's APIs, :class:`UserClient` for the user's."""

from __future__ import annotations

from typing import Optional

from ._base import NOT_GIVEN, _BaseClient
from .resources import (
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

__all__ = ["PageClient", "UserClient"]


class PageClient(_BaseClient):
    """A client for one page's APIs (``public_api``), authenticated with its page access token.

    The token may also come from ``PANCAKE_PAGE_ACCESS_TOKEN`` and the base URL from
    ``PANCAKE_BASE_URL``. Options left out (or ``None``) take core's defaults; requests to one
    page share its rate limit across every client and thread of the process, and
    ``requests_per_second=None`` turns it off.
    """

    def __init__(
        self,
        page_id: str,
        page_access_token: Optional[str] = None,
        *,
        base_url: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        requests_per_second: Optional[float] = NOT_GIVEN,
    ) -> None:
        super().__init__(
            "page",
            {
                "page_id": page_id,
                "page_access_token": page_access_token,
                "base_url": base_url,
                "timeout": timeout,
                "max_retries": max_retries,
                "requests_per_second": requests_per_second,
            },
        )
        self.page_id: str = self._native.page_id
        """The page's id."""
        self.conversations = Conversations(self)
        """Conversations: list, tags, assignment, read state."""
        self.messages = Messages(self)
        """Messages: history and sending."""
        self.customers = Customers(self)
        """Customers: list, update, notes."""
        self.statistics = PageStatistics(self)
        """Statistics of the page."""
        self.export = Export(self)
        """Bulk exports."""
        self.call_logs = CallLogs(self)
        """SIP call logs."""
        self.tags = Tags(self)
        """The page's tags."""
        self.posts = Posts(self)
        """The page's posts."""
        self.users = Users(self)
        """The page's staff and round robin."""
        self.contents = Contents(self)
        """Uploads."""
        self.chat_plugin = ChatPlugin(self)
        """The website chat plugin."""

    def __repr__(self) -> str:
        return f"PageClient(page_id={self.page_id!r}, base_url={self.base_url!r})"


class UserClient(_BaseClient):
    """A client for the user-level APIs (pages, page tokens, multi-page statistics).

    The token may also come from ``PANCAKE_ACCESS_TOKEN``.
    """

    def __init__(
        self,
        access_token: Optional[str] = None,
        *,
        base_url: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        requests_per_second: Optional[float] = NOT_GIVEN,
    ) -> None:
        super().__init__(
            "user",
            {
                "access_token": access_token,
                "base_url": base_url,
                "timeout": timeout,
                "max_retries": max_retries,
                "requests_per_second": requests_per_second,
            },
        )
        self.pages = Pages(self)
        """The user's pages and their tokens."""
        self.statistics = UserStatistics(self)
        """Statistics across pages."""

    def page(self, page_id: str, page_access_token: str) -> PageClient:
        """A :class:`PageClient` for one of the user's pages, with this client's settings."""
        settings = {**self._options, "base_url": self.base_url}
        return PageClient(page_id, page_access_token, **settings)

    def __repr__(self) -> str:
        return f"UserClient(base_url={self.base_url!r})"
