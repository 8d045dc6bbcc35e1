"""The clients: :class:`PageClient` for one page's APIs, :class:`UserClient` for the user's."""

from __future__ import annotations

import os
from typing import Optional

from ._base import _BaseClient
from .errors import InvalidRequestError
from .resources.conversations import Conversations
from .resources.customers import Customers
from .resources.lists import CallLogs, Export, Posts
from .resources.messages import Messages
from .resources.misc import ChatPlugin, Contents, Pages, Tags, Users
from .resources.statistics import PageStatistics, UserStatistics

__all__ = ["PageClient", "UserClient"]


class PageClient(_BaseClient):
    """A client for one page's APIs (``public_api``), authenticated with its page access token.

    The token may also come from ``PANCAKE_PAGE_ACCESS_TOKEN`` and the base URL from
    ``PANCAKE_BASE_URL``. Requests to one page share its rate limit (5 per second by default)
    across every client and thread of the process.
    """

    def __init__(
        self,
        page_id: str,
        page_access_token: Optional[str] = None,
        *,
        base_url: Optional[str] = None,
        timeout: float = 30.0,
        max_retries: int = 3,
        requests_per_second: Optional[float] = 5.0,
    ) -> None:
        token = page_access_token or os.environ.get("PANCAKE_PAGE_ACCESS_TOKEN")
        if not token:
            raise InvalidRequestError(
                "invalid `page_access_token`: pass it or set PANCAKE_PAGE_ACCESS_TOKEN",
                param="page_access_token",
            )
        if not page_id:
            raise InvalidRequestError("invalid `page_id`: it is required", param="page_id")
        super().__init__(
            page_id=str(page_id),
            page_access_token=token,
            access_token=None,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            requests_per_second=requests_per_second,
        )
        self.page_id = str(page_id)
        self._settings = (timeout, max_retries, requests_per_second)
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
        timeout: float = 30.0,
        max_retries: int = 3,
        requests_per_second: Optional[float] = 5.0,
    ) -> None:
        token = access_token or os.environ.get("PANCAKE_ACCESS_TOKEN")
        if not token:
            raise InvalidRequestError(
                "invalid `access_token`: pass it or set PANCAKE_ACCESS_TOKEN", param="access_token"
            )
        super().__init__(
            page_id=None,
            page_access_token=None,
            access_token=token,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            requests_per_second=requests_per_second,
        )
        self._settings = (timeout, max_retries, requests_per_second)
        self.pages = Pages(self)
        """The user's pages and their tokens."""
        self.statistics = UserStatistics(self)
        """Statistics across pages."""

    def page(self, page_id: str, page_access_token: str) -> PageClient:
        """A :class:`PageClient` for one of the user's pages, with this client's settings."""
        timeout, max_retries, rate = self._settings
        return PageClient(
            page_id,
            page_access_token,
            base_url=self.base_url,
            timeout=timeout,
            max_retries=max_retries,
            requests_per_second=rate,
        )

    def __repr__(self) -> str:
        return f"UserClient(base_url={self.base_url!r})"
