"""Typed names for the models each resource returns.

They are all :class:`~pancake_api.Model`: attribute access to the JSON the server sent,
timestamps as aware UTC datetimes, :meth:`~pancake_api.Model.to_dict` for the exact JSON. The
annotations list the documented fields for editors and type checkers; every other field the
server sends is there too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, List, Optional, Union

from ._models import Model


class PageInfo(Model):
    """A page the user manages (``user.pages.list()``); its id may arrive as a number."""

    id: Union[int, str]
    name: str
    platform: str


class PageAccessToken(Model):
    """The answer of ``generate_page_access_token``; ``page_access_token`` is the secret."""

    page_access_token: str


class Tag(Model):
    """A tag of the page (ids are numbers, ``-99`` included, or text)."""

    id: Union[int, str]
    text: str
    color: str


class Conversation(Model):
    """An inbox or comment conversation."""

    id: str
    type: str
    page_id: Union[int, str]
    tags: List[Any]
    snippet: Optional[str]
    inserted_at: datetime
    updated_at: datetime


class Message(Model):
    """One message of a conversation."""

    id: str
    message: Optional[str]
    attachments: List[Any]
    inserted_at: datetime


class Customer(Model):
    """A page customer; ``id`` is what updates and notes take, ``psid`` joins conversations."""

    id: str
    psid: Union[int, str]
    name: str
    phone_numbers: List[Any]
    notes: List[Any]
    inserted_at: datetime


class Note(Model):
    """A note on a customer (its timestamps are milliseconds on the wire)."""

    id: str
    message: str
    created_at: datetime


class Post(Model):
    """A post of the page."""

    id: str
    message: Optional[str]
    inserted_at: datetime


class CallLog(Model):
    """A SIP call log."""

    call_id: str


class User(Model):
    """A staff member of the page."""

    id: str
    name: str


class ExportedConversation(Model):
    """A conversation exported from ads (``export_data``)."""

    id: str


class Content(Model):
    """An uploaded content; its id can be sent with ``messages.send(content_ids=[...])``."""

    id: str


class Statistics(Model):
    """A statistics answer; its shape depends on the endpoint and its parameters."""


class ChatPluginMessage(Model):
    """A chat plugin message."""

    id: str
