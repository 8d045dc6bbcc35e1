"""``page.customers``: list, update and notes."""

from __future__ import annotations

from typing import Optional, Sequence

from .._base import PageIterator, TimeInput, _params
from .._models import Model, Page
from .._resource import Resource, operation
from ..models import Customer

__all__ = ["Customers"]


class Customers(Resource):
    """The page's customers. ``id`` (a UUID) is what update and notes take; ``psid`` joins a
    customer to conversations and avatars."""

    @operation("customers.list")
    def list(
        self,
        *,
        since: TimeInput,
        until: TimeInput,
        page_number: Optional[int] = None,
        page_size: Optional[int] = None,
        order_by: Optional[str] = None,
    ) -> Page[Customer]:
        """One page of customers (``page_size`` 1–100) with the ``total``."""
        return self._client._list(
            "customers.list",
            _params(
                since=since,
                until=until,
                page_number=page_number,
                page_size=page_size,
                order_by=order_by,
            ),
            Customer,
        )

    @operation("customers.list")
    def iter(
        self,
        *,
        since: TimeInput,
        until: TimeInput,
        page_size: Optional[int] = None,
        order_by: Optional[str] = None,
        resume: Optional[str] = None,
        progress: bool = False,
    ) -> PageIterator[Customer]:
        """Every customer (100 per request unless ``page_size`` says otherwise)."""
        return self._client._iter(
            "customers.list",
            _params(since=since, until=until, page_size=page_size, order_by=order_by),
            Customer,
            resume,
            progress,
        )

    @operation("customers.update")
    def update(
        self,
        page_customer_id: str,
        *,
        name: Optional[str] = None,
        gender: Optional[str] = None,
        birthday: Optional[str] = None,
        phone_numbers: Optional[Sequence[str]] = None,
    ) -> Model:
        """Updates a customer: ``gender`` is ``male``, ``female`` or ``unknown``; ``birthday``
        is ``YYYY-MM-DD``; ``phone_numbers`` replaces the whole list."""
        changes = _params(
            name=name,
            gender=gender,
            birthday=birthday,
            phone_numbers=None if phone_numbers is None else list(phone_numbers),
        )
        return self._client._model(
            "customers.update", _params(page_customer_id=page_customer_id, changes=changes)
        )

    @operation("notes.add")
    def add_note(self, page_customer_id: str, message: str) -> Model:
        """Adds a note to a customer."""
        return self._client._model(
            "notes.add", _params(page_customer_id=page_customer_id, message=message)
        )

    @operation("notes.update")
    def update_note(self, page_customer_id: str, note_id: str, message: str) -> Model:
        """Replaces a note's text."""
        return self._client._model(
            "notes.update",
            _params(page_customer_id=page_customer_id, note_id=note_id, message=message),
        )

    @operation("notes.delete")
    def delete_note(self, page_customer_id: str, note_id: str) -> Model:
        """Deletes a note."""
        return self._client._model(
            "notes.delete", _params(page_customer_id=page_customer_id, note_id=note_id)
        )
