"""A typed script, checked with ``mypy --strict`` in ``make test``: the public API's types."""

from __future__ import annotations

from datetime import date, datetime
from typing import List

from pancake_api import (
    APIError,
    InvalidRequestError,
    PageClient,
    PageIterator,
    UserClient,
    normalize_phone,
    parse_timestamp,
)
from pancake_api.models import Conversation, Customer


def sync(base_url: str) -> List[str]:
    user = UserClient("mock-user-token", base_url=base_url)
    page_id: str = str(user.pages.list()[0].id)  # page ids may arrive as numbers
    page: PageClient = user.page(page_id, f"mock-page-token-{page_id}")
    customers: PageIterator[Customer] = page.customers.iter(
        since=date(2024, 1, 1), until=datetime(2024, 2, 1)
    )
    phones: List[str] = []
    for customer in customers:
        token: str = customers.resume_token
        assert token
        for raw in customer.phone_numbers or []:  # a field the server may leave out or null
            try:
                phones.append(normalize_phone(str(raw)))
            except InvalidRequestError as e:
                print(e.param, e.reason)
    first: Conversation = page.conversations.list().items[0]
    when: datetime = parse_timestamp(first.to_dict()["updated_at"])
    print(when.isoformat())
    try:
        page.messages.send(str(first.id), "Cảm ơn bạn!")
    except APIError as e:
        print(e.status, e.code)
    return phones
