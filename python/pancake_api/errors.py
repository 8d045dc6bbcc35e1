"""Exceptions raised by pancake_api.

Every error is a :class:`PancakeError`. Errors the server answered with are :class:`APIError`
subclasses chosen by status and ``error_code`` (an invalid token answered under HTTP 200 is still
an :class:`AuthenticationError`). Validation failures are caught before anything is sent and
raise :class:`InvalidRequestError`, which names the parameter. No message or ``repr`` contains a
token: the core redacts them before the text reaches Python.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

__all__ = [
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


class PancakeError(Exception):
    """Base class of every error raised by this package."""

    kind: str = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class APIError(PancakeError):
    """The server answered with an error.

    Attributes:
        status: the HTTP status (``200`` for ``success: false`` answers).
        code: the API's ``error_code``, when it sent one.
        body: the whole response body as text (every field, also those the SDK does not model,
            such as Facebook's ``e_code`` / ``e_subcode`` on failed sends), tokens redacted.
        retry_after: seconds the server asked us to wait, when it said.
    """

    kind = "api"

    def __init__(
        self,
        message: str,
        *,
        status: int,
        code: Optional[int] = None,
        body: str = "",
        retry_after: Optional[float] = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.body = body
        self.retry_after = retry_after


class AuthenticationError(APIError):
    """The token is missing, invalid or renewed (HTTP 401, or ``error_code`` 100/102/105)."""

    kind = "authentication"


class PermissionDeniedError(APIError):
    """The token does not cover this page or action (HTTP 403, ``error_code`` 122)."""

    kind = "permission_denied"


class NotFoundError(APIError):
    """The resource does not exist (HTTP 404)."""

    kind = "not_found"


class RateLimitError(APIError):
    """Too many requests (HTTP 429) and the retries ran out."""

    kind = "rate_limited"


class ServerError(APIError):
    """The server failed (HTTP 5xx)."""

    kind = "server"


class BadRequestError(APIError):
    """The server rejected the request's parameters (HTTP 400)."""

    kind = "bad_request"


class APIConnectionError(PancakeError):
    """The server could not be reached, or the connection broke.

    Attributes:
        before_send: True when the request provably never left this machine.
    """

    kind = "connection"

    def __init__(self, message: str, *, before_send: bool = False) -> None:
        super().__init__(message)
        self.before_send = before_send


class APITimeoutError(APIConnectionError):
    """The request timed out."""

    kind = "timeout"


class InvalidRequestError(PancakeError, ValueError):
    """A parameter failed validation; nothing was sent.

    Attributes:
        param: the parameter's name as the API spells it (``page_size``, ``birthday``).
        reason: what is wrong with it.
    """

    kind = "invalid_request"

    def __init__(self, message: str, *, param: str, reason: str = "") -> None:
        super().__init__(message)
        self.param = param
        self.reason = reason


class DecodeError(PancakeError):
    """The response was not the JSON expected (an HTML proxy page, a truncated body).

    Attributes:
        status: the HTTP status.
        body: the start of the body, with tokens redacted.
    """

    kind = "decode"

    def __init__(self, message: str, *, status: Optional[int] = None, body: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.body = body


_API_ERRORS: Dict[str, type] = {
    "authentication": AuthenticationError,
    "permission_denied": PermissionDeniedError,
    "not_found": NotFoundError,
    "rate_limited": RateLimitError,
    "server": ServerError,
    "bad_request": BadRequestError,
    "api": APIError,
}


def _from_native(payload: Dict[str, Any]) -> PancakeError:
    """Builds the exception for an error reported by the native module (internal)."""
    kind = payload.get("kind", "")
    message = str(payload.get("message", ""))
    if kind in _API_ERRORS:
        retry_ms = payload.get("retry_after_ms")
        return _API_ERRORS[kind](  # type: ignore[no-any-return]
            message,
            status=int(payload.get("status") or 0),
            code=payload.get("code"),
            body=str(payload.get("body") or ""),
            retry_after=None if retry_ms is None else retry_ms / 1000.0,
        )
    if kind == "invalid_request":
        return InvalidRequestError(
            message, param=str(payload.get("field", "")), reason=str(payload.get("reason", ""))
        )
    if kind == "decode":
        return DecodeError(
            message, status=payload.get("status"), body=str(payload.get("body") or "")
        )
    if kind == "timeout":
        return APITimeoutError(message, before_send=False)
    if kind == "connection":
        return APIConnectionError(message, before_send=bool(payload.get("before_send")))
    return PancakeError(message)
