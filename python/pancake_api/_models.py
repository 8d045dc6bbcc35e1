"""Response models: the server's JSON with attribute access and real datetimes.

A :class:`Model` wraps one JSON object exactly as the server sent it. ``model.name`` and
``model["name"]`` read a field; fields that hold timestamps (``inserted_at``, ``updated_at``,
note ``created_at`` in milliseconds, ...) read as aware UTC :class:`~datetime.datetime` values,
whatever shape the server used. :meth:`Model.to_dict` returns the original JSON, unknown fields
included, so nothing the server sent is lost.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Generic, Iterator, List, Mapping, Optional, TypeVar

from . import _native

__all__ = ["Model", "Page"]

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _to_datetime(value: Any) -> Any:
    """An aware UTC datetime for a timestamp value, or the value unchanged if it is not one."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return value
    try:
        micros = _native.parse_timestamp_micros(json.dumps(value))
    except ValueError:
        return value
    return _EPOCH + timedelta(microseconds=micros)


def _wrap(key: Optional[str], value: Any) -> Any:
    if isinstance(value, dict):
        return Model(value)
    if isinstance(value, list):
        return [_wrap(key, v) for v in value]
    if key is not None and _native.is_timestamp_field(key):
        return _to_datetime(value)
    return value


class Model(Mapping[str, Any]):
    """One JSON object from the API, read-only, with attribute access.

    Nested objects are models too, lists are lists. Missing fields raise ``AttributeError`` /
    ``KeyError``; use ``model.get("field")`` for optional ones.
    """

    __slots__ = ("_data",)

    def __init__(self, data: Dict[str, Any]) -> None:
        object.__setattr__(self, "_data", data)

    def __getitem__(self, key: str) -> Any:
        return _wrap(key, self._data[key])

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__} has no field {name!r} (fields: {', '.join(self._data)})"
            ) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("models are read-only; use to_dict() for a mutable copy")

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Model):
            return self._data == other._data
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(self._data))

    def to_dict(self) -> Dict[str, Any]:
        """A deep copy of the JSON object exactly as the server sent it."""
        return copy.deepcopy(self._data)

    def to_json(self) -> str:
        """The JSON text of :meth:`to_dict`."""
        return json.dumps(self._data, ensure_ascii=False)

    def __repr__(self) -> str:
        shown = []
        for key in ("id", "psid", "name", "text", "type", "message"):
            if key in self._data and not isinstance(self._data[key], (dict, list)):
                text = repr(self._data[key])
                shown.append(f"{key}={text[:60] + '…' if len(text) > 60 else text}")
        more = len(self._data) - len(shown)
        suffix = f", +{more} fields" if more > 0 else ""
        return f"{type(self).__name__}({', '.join(shown)}{suffix})"


T = TypeVar("T", bound=Model)


class Page(Generic[T]):
    """One page of a list: its items, plus what the server said about the rest.

    Attributes:
        items: the records of this page.
        total: the total number of records, when the endpoint reports it.
        next_cursor: the cursor of the next page (cursor-paged endpoints).
        raw: the whole response as the server sent it.
    """

    def __init__(
        self,
        items: List[T],
        *,
        total: Optional[int] = None,
        next_cursor: Optional[str] = None,
        raw: Optional[Model] = None,
    ) -> None:
        self.items = items
        self.total = total
        self.next_cursor = next_cursor
        self.raw = raw

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> T:
        return self.items[index]

    def to_pandas(self) -> Any:
        """The items as a ``pandas.DataFrame`` (needs ``pip install pancake-api[pandas]``)."""
        from ._extras import to_pandas

        return to_pandas(self.items)

    def __repr__(self) -> str:
        return (
            f"Page(items={len(self.items)}, total={self.total}, next_cursor={self.next_cursor!r})"
        )
