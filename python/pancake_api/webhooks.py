"""Webhook events: the JSON bodies Pancake POSTs to the URL a page registers.

:func:`parse` reads one body (the raw request bytes) into a typed event, with the same rules
as the API models: attribute access, timestamps as aware UTC datetimes, and
:meth:`~pancake_api.Model.to_dict` giving back exactly the JSON received. The kind comes from
the body's ``event_type``; an ``event_type`` this package does not know gives an
:class:`OtherEvent` (never an error), so a receiver keeps working when Pancake adds events.

Pancake suspends a webhook whose endpoint fails too often (300 failures at more than 80%
errors within 30 minutes), and may deliver an event more than once: answer ``200`` at once,
process in the background, and skip events already seen (:attr:`WebhookEvent.dedup_key`,
:class:`Deduplicator`)::

    event = pancake_api.webhooks.parse(request_body)
    if dedup.first_time(event.dedup_key) and isinstance(event, MessagingEvent):
        print(event.message.message, event.message.inserted_at)
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any, ClassVar, Dict, Optional, Type, Union

from . import _native
from ._models import Model
from .models import Conversation, Message, Post

__all__ = [
    "ConnectStatusEvent",
    "ConversationEvent",
    "Deduplicator",
    "MessagingEvent",
    "OtherEvent",
    "PostEvent",
    "SubscriptionEvent",
    "WebhookEvent",
    "parse",
]


class WebhookEvent(Model):
    """One webhook body. Subclasses name the kind; read fields as attributes.

    Attributes:
        kind: ``messaging``, ``conversation``, ``subscription``, ``post``,
            ``connect_status`` or ``other``.
        event_type: the body's ``event_type`` as sent.
        page_id: the page that triggered the event (absent on subscription events).
        request_id: the delivery id (conversation and connect_status events), kept across
            redeliveries.
        timestamp: when the event was sent, as an aware UTC datetime.
        data: the event's details.
    """

    __slots__ = ("_dedup_key",)

    kind: ClassVar[str] = "other"
    event_type: str
    page_id: str
    data: Model

    def __init__(self, data: Dict[str, Any], dedup_key: str = "") -> None:
        super().__init__(data)
        object.__setattr__(self, "_dedup_key", dedup_key)

    @property
    def dedup_key(self) -> str:
        """A key that is the same for redeliveries of one event: its ``request_id`` when it
        has one, else the kind and a hash of the body (computed by the Rust core)."""
        return str(self._dedup_key)

    def _data_field(self, name: str) -> Any:
        data = self._data.get("data")
        if not isinstance(data, dict):
            return None
        return data.get(name)


class MessagingEvent(WebhookEvent):
    """A message was received or updated, in the inbox or in comments (``messaging``)."""

    __slots__ = ()
    kind: ClassVar[str] = "messaging"

    @property
    def conversation(self) -> Optional[Conversation]:
        """The conversation the message belongs to."""
        value = self._data_field("conversation")
        return Conversation(value) if isinstance(value, dict) else None

    @property
    def message(self) -> Optional[Message]:
        """The message (``inserted_at`` as a datetime)."""
        value = self._data_field("message")
        return Message(value) if isinstance(value, dict) else None

    @property
    def post(self) -> Optional[Post]:
        """The post commented on (``None`` for inbox messages)."""
        value = self._data_field("post")
        return Post(value) if isinstance(value, dict) else None


class ConversationEvent(WebhookEvent):
    """A conversation changed: assignment, tags, read/seen, snippet (``conversation``).

    Apply it only if ``event.conversation.version`` is greater than the last one processed
    for that conversation: deliveries may come out of order.
    """

    __slots__ = ()
    kind: ClassVar[str] = "conversation"

    @property
    def conversation(self) -> Optional[Conversation]:
        """The conversation as it is after the change."""
        value = self._data_field("conversation")
        return Conversation(value) if isinstance(value, dict) else None


class SubscriptionEvent(WebhookEvent):
    """A Pancake subscription the app follows changed (``subscription``)."""

    __slots__ = ()
    kind: ClassVar[str] = "subscription"

    @property
    def subscription(self) -> Optional[Model]:
        """The subscription (``activated_at``, ``expired_at`` as datetimes)."""
        value = self._data_field("subscription")
        return Model(value) if isinstance(value, dict) else None


class PostEvent(WebhookEvent):
    """A post was created or changed (``post``)."""

    __slots__ = ()
    kind: ClassVar[str] = "post"

    @property
    def post(self) -> Optional[Post]:
        """The post, in full."""
        value = self._data_field("post")
        return Post(value) if isinstance(value, dict) else None


class ConnectStatusEvent(WebhookEvent):
    """The page's connection to its platform changed (``connect_status``)."""

    __slots__ = ()
    kind: ClassVar[str] = "connect_status"

    @property
    def connect_status(self) -> Optional[str]:
        """``connected`` or ``disconnected``."""
        value = self._data_field("connect_status")
        return value if isinstance(value, str) else None

    @property
    def connected(self) -> Optional[bool]:
        """``True`` when connected, ``False`` when disconnected, ``None`` otherwise."""
        return {"connected": True, "disconnected": False}.get(self.connect_status or "")


class OtherEvent(WebhookEvent):
    """An event whose ``event_type`` this package does not know, kept as received."""

    __slots__ = ()
    kind: ClassVar[str] = "other"


_KINDS: Dict[str, Type[WebhookEvent]] = {
    cls.kind: cls
    for cls in (
        MessagingEvent,
        ConversationEvent,
        SubscriptionEvent,
        PostEvent,
        ConnectStatusEvent,
        OtherEvent,
    )
}


def parse(body: Union[bytes, bytearray, memoryview, str]) -> WebhookEvent:
    """Parses one webhook body (the raw bytes of the POST) into a typed event.

    Raises:
        pancake_api.errors.DecodeError: the body is not a JSON object, or a known kind has a
            field of another type than documented (the message names the JSON path).
    """
    raw = body.encode() if isinstance(body, str) else bytes(body)
    out = json.loads(_native.parse_webhook(raw))
    cls = _KINDS.get(out["kind"], OtherEvent)
    return cls(out["event"], str(out["dedup_key"]))


class Deduplicator:
    """Remembers the last ``capacity`` event keys, to process each event once.

    Thread-safe. ``first_time(key)`` is ``True`` the first time a key is seen::

        dedup = Deduplicator()
        if dedup.first_time(event.dedup_key):
            queue.put(event)
    """

    def __init__(self, capacity: int = 10_000) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self._capacity = capacity
        self._seen: "OrderedDict[str, None]" = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, key: str) -> bool:
        """Records ``key``; ``True`` if it was not seen among the last ``capacity`` keys."""
        with self._lock:
            if key in self._seen:
                self._seen.move_to_end(key)
                return False
            self._seen[key] = None
            if len(self._seen) > self._capacity:
                self._seen.popitem(last=False)
            return True

    def __len__(self) -> int:
        with self._lock:
            return len(self._seen)
