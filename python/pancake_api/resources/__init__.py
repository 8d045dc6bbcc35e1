"""The resources, attached to clients as attributes (``page.customers``, ``user.pages``)."""

from __future__ import annotations

from .conversations import Conversations
from .customers import Customers
from .lists import CallLogs, Export, Posts
from .messages import Messages
from .misc import ChatPlugin, Contents, Pages, Tags, Users
from .statistics import PageStatistics, UserStatistics

__all__ = [
    "Conversations",
    "Customers",
    "CallLogs",
    "Export",
    "Posts",
    "Messages",
    "ChatPlugin",
    "Contents",
    "Pages",
    "Tags",
    "Users",
    "PageStatistics",
    "UserStatistics",
]
