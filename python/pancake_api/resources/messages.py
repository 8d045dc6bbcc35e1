"""``page.messages``: a conversation's history, and sending (inbox, comment, private reply)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from .._base import PageIterator, _params
from .._models import Model, Page
from .._resource import Resource, operation
from ..models import Message

__all__ = ["Messages"]


class Messages(Resource):
    """Messages of the page's conversations. Sends are never retried once they may have
    reached the server, so a message is never sent twice."""

    @operation("messages.list")
    def list(
        self,
        conversation_id: str,
        *,
        customer_id: Optional[str] = None,
        current_count: Optional[int] = None,
    ) -> Page[Message]:
        """The newest messages, or the 30 before the ``current_count`` you already have."""
        return self._client._list(
            "messages.list",
            _params(
                conversation_id=conversation_id,
                customer_id=customer_id,
                current_count=current_count,
            ),
            Message,
        )

    @operation("messages.list")
    def iter(
        self,
        conversation_id: str,
        *,
        customer_id: Optional[str] = None,
        resume: Optional[str] = None,
        progress: bool = False,
    ) -> PageIterator[Message]:
        """The whole history, page by page backwards from the newest."""
        return self._client._iter(
            "messages.list",
            _params(conversation_id=conversation_id, customer_id=customer_id),
            Message,
            resume,
            progress,
        )

    @operation("messages.send")
    def send(
        self,
        conversation_id: str,
        message: Optional[str] = None,
        *,
        content_ids: Optional[Sequence[str]] = None,
        attachment_type: Optional[str] = None,
        filename: Optional[str] = None,
        name: Optional[str] = None,
        mime_type: Optional[str] = None,
        sender_id: Optional[str] = None,
        reply_message_id: Optional[str] = None,
    ) -> Model:
        """Replies in an inbox conversation with text, or with uploaded contents
        (``content_ids`` from :meth:`Contents.upload`) — not both."""
        return self._client._model(
            "messages.send",
            _params(
                conversation_id=conversation_id,
                message=message,
                content_ids=None if content_ids is None else list(content_ids),
                attachment_type=attachment_type,
                filename=filename,
                name=name,
                mime_type=mime_type,
                sender_id=sender_id,
                reply_message_id=reply_message_id,
            ),
        )

    @operation("messages.reply_comment")
    def reply_comment(
        self,
        conversation_id: str,
        message_id: str,
        message: Optional[str] = None,
        *,
        content_ids: Optional[Sequence[str]] = None,
        content_url: Optional[str] = None,
        sender_id: Optional[str] = None,
        mentions: Optional[List[Dict[str, Any]]] = None,
    ) -> Model:
        """Replies to a comment (``message_id``) in a comment conversation."""
        return self._client._model(
            "messages.reply_comment",
            _params(
                conversation_id=conversation_id,
                message_id=message_id,
                message=message,
                content_ids=None if content_ids is None else list(content_ids),
                content_url=content_url,
                sender_id=sender_id,
                mentions=mentions,
            ),
        )

    @operation("messages.private_reply")
    def private_reply(
        self,
        conversation_id: str,
        *,
        post_id: str,
        message_id: str,
        from_id: str,
        message: str,
        sender_id: Optional[str] = None,
    ) -> Model:
        """Answers a commenter privately in the inbox."""
        return self._client._model(
            "messages.private_reply",
            _params(
                conversation_id=conversation_id,
                post_id=post_id,
                message_id=message_id,
                from_id=from_id,
                message=message,
                sender_id=sender_id,
            ),
        )
