"""pancake-api: the Python SDK for the Pancake (pages.fm / pancake.vn) inbox API.

    from datetime import date
    from pancake_api import PageClient

    page = PageClient(page_id="1234567890", page_access_token="...")
    for customer in page.customers.iter(since=date(2024, 1, 1), until=date(2024, 2, 1)):
        print(customer.name, customer.inserted_at)

Everything that is not moving bytes (validation, pagination, retries, rate limits, parsing) is
done by the Rust core shared with the npm package, so both behave the same.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any, List, Optional

from . import _native, models, webhooks
from ._base import DEFAULT_BASE_URL, PageIterator, TimeInput
from ._client import PageClient, UserClient
from ._models import _EPOCH, Model, Page
from .errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    DecodeError,
    InvalidRequestError,
    NotFoundError,
    PancakeError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
)

__version__: str = _native.__version__

__all__ = [
    "PageClient",
    "UserClient",
    "Model",
    "Page",
    "PageIterator",
    "TimeInput",
    "DEFAULT_BASE_URL",
    "models",
    "webhooks",
    "normalize_phone",
    "extract_phones",
    "parse_timestamp",
    "avatar_url",
    "PancakeError",
    "APIError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "RateLimitError",
    "ServerError",
    "BadRequestError",
    "APIConnectionError",
    "APITimeoutError",
    "InvalidRequestError",
    "DecodeError",
]


def normalize_phone(raw: str, region: Optional[str] = None) -> str:
    """The E.164 form of a phone number (``"0328290781"`` → ``"+84328290781"``).

    Numbers without a country code are read in ``region`` (default: core's, Vietnam). Raises
    :class:`InvalidRequestError` for a number that is not valid.
    """
    return str(_native.normalize_phone(raw, region))


def extract_phones(text: str, region: Optional[str] = None) -> List[str]:
    """Every valid phone number inside a text, in E.164 (``"Babywearit (+62 81 816 6016)"``)."""
    return list(_native.extract_phones(text, region))


def parse_timestamp(value: Any) -> datetime:
    """An aware UTC datetime from any timestamp shape the API uses: unix seconds,
    milliseconds or microseconds (numbers or numeric text), naive ISO text (read as UTC) or
    ISO text with an offset. Raises :class:`InvalidRequestError` for anything else."""
    micros = _native.parse_timestamp_micros(json.dumps(value))
    return _EPOCH + timedelta(microseconds=micros)


def avatar_url(page_id: str, psid: str) -> str:
    """The URL of a customer's avatar (no token needed; the server redirects to the image)."""
    return str(_native.avatar_url(page_id, psid))
