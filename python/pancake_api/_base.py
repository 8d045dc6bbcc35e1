"""The plumbing clients and resources share: the native client, parameters, iteration."""

from __future__ import annotations

import base64
import json
import os
from datetime import date, datetime, time, timedelta, timezone
from typing import (
    Any,
    BinaryIO,
    Dict,
    Generic,
    List,
    Optional,
    Sequence,
    Tuple,
    Type,
    TypeVar,
    Union,
)

from . import _native
from ._models import Model, Page
from .errors import InvalidRequestError

__all__ = ["PageIterator", "TimeInput", "Uploadable", "DEFAULT_BASE_URL"]

#: The production base URL (core's default).
DEFAULT_BASE_URL: str = _native.DEFAULT_BASE_URL


class _NotGiven:
    """The default of an option whose ``None`` means something (``requests_per_second=None``
    turns rate limiting off), so "not given" can be told apart and core's default applies."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> bool:
        return False


#: See :class:`_NotGiven`.
NOT_GIVEN: Any = _NotGiven()

#: A point in time: an aware ``datetime`` (naive means UTC), a ``date`` (midnight in
#: Vietnam time, UTC+07:00, like the API's date ranges) or unix seconds.
TimeInput = Union[datetime, date, int, float]

_VN = timezone(timedelta(hours=7))

T = TypeVar("T", bound=Model)


def _time(value: Optional[TimeInput], param: str) -> Optional[int]:
    """Unix seconds for a time input (``None`` stays ``None``); the error names the parameter."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise InvalidRequestError(f"invalid `{param}`: expected a time, got a bool", param=param)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return int(value.timestamp())
    if isinstance(value, date):
        return int(datetime.combine(value, time(0), tzinfo=_VN).timestamp())
    if isinstance(value, (int, float)):
        return int(value)
    raise InvalidRequestError(
        f"invalid `{param}`: expected a datetime, date or unix seconds, got {type(value).__name__}",
        param=param,
    )


def _seq(values: Optional[Sequence[Any]]) -> Optional[List[Any]]:
    """A list parameter as a list: one text given alone is a list of one."""
    if values is None:
        return None
    if isinstance(values, (str, bytes)):
        return [values]
    return list(values)


def _ids(values: Optional[Union[Sequence[Any], str]]) -> Optional[Union[List[Any], str]]:
    """An id list: a sequence becomes a list; a text is the comma-separated ids, sent as is."""
    if values is None or isinstance(values, str):
        return values
    return list(values)


#: What an upload takes: the bytes, a path, or a binary file object.
Uploadable = Union[bytes, str, "os.PathLike[str]", BinaryIO]


def _read_upload(file: Uploadable) -> Tuple[str, Optional[str]]:
    """An upload's bytes, base64-encoded, and the file's own name when it has one."""
    if isinstance(file, (str, os.PathLike)):
        path = os.fspath(file)
        with open(path, "rb") as f:
            data = f.read()
        name: Optional[str] = os.path.basename(path)
    elif isinstance(file, bytes):
        data, name = file, None
    else:
        data = file.read()
        name = os.path.basename(str(getattr(file, "name", "") or ""))
    return base64.b64encode(data).decode("ascii"), name or None


def _params(**kwargs: Any) -> Dict[str, Any]:
    """The API parameters of a call: ``None`` means "not given"."""
    return {key: value for key, value in kwargs.items() if value is not None}


class PageIterator(Generic[T]):
    """Every item of a list, fetched lazily page by page, in constant memory.

    ``resume_token`` is valid after each item: pass it as ``resume=`` to the same ``iter()``
    call to continue right after that item, with nothing missed or repeated.

    While you read a page the next one is already being fetched (within the rate limit), so a
    loop stopped early may have fetched one page it did not use.
    """

    def __init__(
        self,
        client: "_BaseClient",
        operation: str,
        params: Dict[str, Any],
        model: Type[T],
        resume: Optional[str] = None,
        progress: bool = False,
    ) -> None:
        self._client = client
        self._operation = operation
        self._pager = client._native.paginate(operation, json.dumps(params), resume)
        self._model = model
        self._buffer: List[Dict[str, Any]] = []
        self._pos = 0
        self._bar: Any = None
        self._progress = progress

    @property
    def resume_token(self) -> str:
        """An opaque token that resumes right after the last item returned."""
        return str(self._pager.resume_token(self._pos))

    def __iter__(self) -> "PageIterator[T]":
        return self

    def __next__(self) -> T:
        while self._pos >= len(self._buffer):
            text = self._pager.next_page()
            if text is None:
                if self._bar is not None:
                    self._bar.close()
                raise StopIteration
            self._buffer = json.loads(text)
            self._pos = 0
            if self._progress and self._bar is None:
                from ._extras import progress_bar

                self._bar = progress_bar(None, self._operation)
        item = self._buffer[self._pos]
        self._pos += 1
        if self._bar is not None:
            self._bar.update(1)
        return self._model(item)

    def to_pandas(self) -> Any:
        """Reads every remaining item into a ``pandas.DataFrame``."""
        from ._extras import to_pandas

        return to_pandas(list(self))


class _BaseClient:
    _native: Any

    def __init__(self, kind: str, options: Dict[str, Any]) -> None:
        """Core reads ``options`` (``None`` values are not given; :data:`NOT_GIVEN` ones are
        left out), fills in the defaults and the environment variables it names, and raises
        :class:`InvalidRequestError` naming the option it rejects."""
        given = {k: v for k, v in options.items() if v is not NOT_GIVEN}
        env = {name: os.environ[name] for name in _native.env_vars() if os.environ.get(name)}
        self._native = _native.Client(kind, json.dumps(given), json.dumps(env))
        # The settings a derived client (``UserClient.page``) reuses: never the credentials,
        # which stay in the native client only (out of ``vars()``, pickles and debuggers).
        self._options = {k: v for k, v in given.items() if not k.endswith(("token", "page_id"))}
        self.base_url: str = self._native.base_url
        """The API base URL this client talks to."""

    def _request(self, operation: str, params: Dict[str, Any]) -> Any:
        return json.loads(self._native.request(operation, json.dumps(params)))

    def _model(self, operation: str, params: Dict[str, Any], model: Type[T] = Model) -> T:  # type: ignore[assignment]
        return model(self._request(operation, params))

    def _list(self, operation: str, params: Dict[str, Any], model: Type[T]) -> Page[T]:
        data = json.loads(self._native.list_page(operation, json.dumps(params)))
        return Page(
            [model(item) for item in data["items"]],
            total=data.get("total"),
            next_cursor=data.get("next_cursor"),
            raw=Model(data["response"]),
        )

    def _iter(
        self,
        operation: str,
        params: Dict[str, Any],
        model: Type[T],
        resume: Optional[str],
        progress: bool,
    ) -> PageIterator[T]:
        return PageIterator(self, operation, params, model, resume, progress)
