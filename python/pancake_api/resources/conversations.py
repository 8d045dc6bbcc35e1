"""``page.conversations``: list (v2 cursor and v1 windowed), tag, assign, mark read/unread."""

from __future__ import annotations

from typing import List, Optional, Sequence, Union

from .._base import PageIterator, TimeInput, _params
from .._models import Model, Page
from .._resource import Resource, operation
from ..models import Conversation

__all__ = ["Conversations"]

TagId = Union[int, str]


class Conversations(Resource):
    """The page's conversations."""

    @operation("conversations.list")
    def list(
        self,
        *,
        last_conversation_id: Optional[str] = None,
        tags: Optional[Sequence[TagId]] = None,
        type: Optional[Sequence[str]] = None,
        post_ids: Optional[Sequence[str]] = None,
        since: Optional[TimeInput] = None,
        until: Optional[TimeInput] = None,
        unread_first: Optional[bool] = None,
        order_by: Optional[str] = None,
    ) -> Page[Conversation]:
        """One page (60 newest) of conversations; pass ``last_conversation_id`` for the next."""
        return self._client._list(
            "conversations.list",
            _params(
                last_conversation_id=last_conversation_id,
                tags=_list(tags),
                type=_list(type),
                post_ids=_list(post_ids),
                since=since,
                until=until,
                unread_first=unread_first,
                order_by=order_by,
            ),
            Conversation,
        )

    @operation("conversations.list")
    def iter(
        self,
        *,
        tags: Optional[Sequence[TagId]] = None,
        type: Optional[Sequence[str]] = None,
        post_ids: Optional[Sequence[str]] = None,
        since: Optional[TimeInput] = None,
        until: Optional[TimeInput] = None,
        unread_first: Optional[bool] = None,
        order_by: Optional[str] = None,
        resume: Optional[str] = None,
        progress: bool = False,
    ) -> PageIterator[Conversation]:
        """Every conversation, newest first, following ``last_conversation_id``."""
        return self._client._iter(
            "conversations.list",
            _params(
                tags=_list(tags),
                type=_list(type),
                post_ids=_list(post_ids),
                since=since,
                until=until,
                unread_first=unread_first,
                order_by=order_by,
            ),
            Conversation,
            resume,
            progress,
        )

    @operation("conversations.list_v1")
    def list_v1(
        self,
        *,
        since: TimeInput,
        until: TimeInput,
        page_number: Optional[int] = None,
        order_by: Optional[str] = None,
        tags: Optional[Sequence[TagId]] = None,
    ) -> Page[Conversation]:
        """One page of the older v1 list (``since``..``until`` at most one month apart)."""
        return self._client._list(
            "conversations.list_v1",
            _params(
                since=since,
                until=until,
                page_number=page_number,
                order_by=order_by,
                tags=_list(tags),
            ),
            Conversation,
        )

    @operation("conversations.list_v1")
    def iter_v1(
        self,
        *,
        since: TimeInput,
        until: TimeInput,
        order_by: Optional[str] = None,
        tags: Optional[Sequence[TagId]] = None,
        resume: Optional[str] = None,
        progress: bool = False,
    ) -> PageIterator[Conversation]:
        """Every conversation between ``since`` and ``until`` through the v1 list; a span
        longer than a month is split into one-month windows (newest first)."""
        return self._client._iter(
            "conversations.list_v1",
            _params(since=since, until=until, order_by=order_by, tags=_list(tags)),
            Conversation,
            resume,
            progress,
        )

    @operation("conversations.add_tag")
    def add_tag(self, conversation_id: str, tag_id: TagId) -> Model:
        """Adds a tag to a conversation (safe to repeat)."""
        return self._client._model(
            "conversations.add_tag", _params(conversation_id=conversation_id, tag_id=tag_id)
        )

    @operation("conversations.remove_tag")
    def remove_tag(self, conversation_id: str, tag_id: TagId) -> Model:
        """Removes a tag from a conversation (safe to repeat)."""
        return self._client._model(
            "conversations.remove_tag", _params(conversation_id=conversation_id, tag_id=tag_id)
        )

    @operation("conversations.assign")
    def assign(self, conversation_id: str, assignee_ids: Sequence[str]) -> Model:
        """Assigns the conversation to these staff members (replacing the assignees)."""
        return self._client._model(
            "conversations.assign",
            _params(conversation_id=conversation_id, assignee_ids=list(assignee_ids)),
        )

    @operation("conversations.mark_read")
    def mark_read(self, conversation_id: str) -> Model:
        """Marks the conversation read."""
        return self._client._model(
            "conversations.mark_read", _params(conversation_id=conversation_id)
        )

    @operation("conversations.mark_unread")
    def mark_unread(self, conversation_id: str) -> Model:
        """Marks the conversation unread."""
        return self._client._model(
            "conversations.mark_unread", _params(conversation_id=conversation_id)
        )


def _list(values: Optional[Sequence[object]]) -> Optional[List[object]]:
    if values is None:
        return None
    if isinstance(values, (str, bytes)):
        return [values]
    return list(values)
