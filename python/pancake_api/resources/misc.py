"""``page.tags``, ``page.users``, ``page.contents``, ``page.chat_plugin``, ``user.pages``."""

from __future__ import annotations

import base64
import os
from typing import Any, BinaryIO, Dict, List, Optional, Sequence, Union

from .._base import _params
from .._models import Model
from .._resource import Resource, operation
from ..models import ChatPluginMessage, Content, PageAccessToken, PageInfo, Tag, User

__all__ = ["Tags", "Users", "Contents", "ChatPlugin", "Pages"]


class Tags(Resource):
    """The page's tags."""

    @operation("tags.list")
    def list(self) -> List[Tag]:
        """Every tag of the page."""
        return self._client._list("tags.list", {}, Tag).items


class Users(Resource):
    """The page's staff."""

    @operation("users.list")
    def list(self) -> List[User]:
        """Every staff member of the page."""
        return self._client._list("users.list", {}, User).items

    @operation("users.set_round_robin")
    def set_round_robin(
        self, *, inbox: Optional[Sequence[str]] = None, comment: Optional[Sequence[str]] = None
    ) -> Model:
        """Sets who takes turns on new inbox and comment conversations."""
        return self._client._model(
            "users.set_round_robin",
            _params(
                inbox=None if inbox is None else list(inbox),
                comment=None if comment is None else list(comment),
            ),
        )


class Contents(Resource):
    """Uploads (images, videos, files) to send in messages."""

    @operation("contents.upload")
    def upload(
        self,
        file: Union[bytes, str, "os.PathLike[str]", BinaryIO],
        *,
        filename: Optional[str] = None,
        content_type: Optional[str] = None,
    ) -> Content:
        """Uploads a file (bytes, a path or a binary file object); the answer's ``id`` goes
        into ``messages.send(content_ids=[...])``. Never retried once sent."""
        if isinstance(file, (str, os.PathLike)):
            path = os.fspath(file)
            with open(path, "rb") as f:
                data = f.read()
            filename = filename or os.path.basename(path)
        elif isinstance(file, bytes):
            data = file
        else:
            data = file.read()
            filename = filename or os.path.basename(str(getattr(file, "name", "") or ""))
        return self._client._model(
            "contents.upload",
            _params(
                filename=filename or None,
                content_type=content_type,
                data_base64=base64.b64encode(data).decode("ascii"),
            ),
            Content,
        )


class ChatPlugin(Resource):
    """The website chat plugin (no token; the page id travels as a parameter)."""

    @operation("chat_plugin.send")
    def send(
        self,
        *,
        from_id: str,
        dummy_id: int,
        inserted_at: int,
        message: Optional[str] = None,
        conversation_id: Optional[str] = None,
        name: Optional[str] = None,
        replied_message_id: Optional[str] = None,
        extra_info: Optional[Dict[str, Any]] = None,
        attachments: Optional[List[Dict[str, Any]]] = None,
    ) -> ChatPluginMessage:
        """Sends a visitor's message (``dummy_id`` and ``inserted_at`` in milliseconds)."""
        return self._client._model(
            "chat_plugin.send",
            _params(
                page_id=getattr(self._client, "page_id", None),
                from_id=from_id,
                dummy_id=dummy_id,
                inserted_at=inserted_at,
                message=message,
                conversation_id=conversation_id,
                name=name,
                replied_message_id=replied_message_id,
                extra_info=extra_info,
                attachments=attachments,
            ),
            ChatPluginMessage,
        )

    @operation("chat_plugin.list")
    def list(self, conversation_id: str, *, offset: Optional[int] = None) -> Model:
        """A chat plugin conversation's messages."""
        return self._client._model(
            "chat_plugin.list",
            _params(
                conversation_id=conversation_id,
                page_id=getattr(self._client, "page_id", None),
                offset=offset,
            ),
        )


class Pages(Resource):
    """The user's pages."""

    @operation("pages.list")
    def list(self) -> List[PageInfo]:
        """Every page the user manages (the active ones when the server groups them)."""
        return self._client._list("pages.list", {}, PageInfo).items

    @operation("pages.generate_page_access_token")
    def generate_page_access_token(self, page_id: str) -> PageAccessToken:
        """A new page access token for one of the user's pages."""
        return self._client._model(
            "pages.generate_page_access_token", _params(page_id=page_id), PageAccessToken
        )
