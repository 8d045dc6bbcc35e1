"""``page.statistics`` and ``user.statistics``.

``date_range`` is the API's text: ``"27/07/2021 00:00:00 - 26/08/2021 23:59:59"``, or dates
only (``"20/07/2020 - 20/08/2020"``) for new customers; times are in Vietnam time (UTC+07:00).
Engagement, staff and new-customer statistics take ``since`` / ``until`` instead (aware
``datetime``, ``date`` or unix seconds, like every other endpoint) and an optional ``zone``
(default ``"Asia/Ho_Chi_Minh"``, or an offset such as ``"+07:00"``) in which core writes the
text; new customers get the local days holding both instants.
"""

from __future__ import annotations

from typing import Optional, Sequence

from .._base import TimeInput, _params
from .._resource import Resource, operation
from ..models import Statistics

__all__ = ["PageStatistics", "UserStatistics"]


class PageStatistics(Resource):
    """Statistics of one page."""

    @operation("statistics.campaigns")
    def campaigns(self, *, since: TimeInput, until: TimeInput) -> Statistics:
        """Ads campaign statistics."""
        return self._client._model(
            "statistics.campaigns", _params(since=since, until=until), Statistics
        )

    @operation("statistics.ads")
    def ads(self, *, since: TimeInput, until: TimeInput, type: str) -> Statistics:
        """Ads statistics (``type`` as the API names it, e.g. ``by_id``)."""
        return self._client._model(
            "statistics.ads", _params(since=since, until=until, type=type), Statistics
        )

    @operation("statistics.engagements")
    def engagements(
        self,
        *,
        date_range: Optional[str] = None,
        since: Optional[TimeInput] = None,
        until: Optional[TimeInput] = None,
        zone: Optional[str] = None,
        by_hour: Optional[bool] = None,
        user_ids: Optional[Sequence[str]] = None,
    ) -> Statistics:
        """Customer engagement statistics over ``date_range`` or ``since`` / ``until`` (the
        shape changes with ``by_hour``)."""
        return self._client._model(
            "statistics.engagements",
            _params(
                date_range=date_range,
                since=since,
                until=until,
                zone=zone,
                by_hour=by_hour,
                user_ids=user_ids,
            ),
            Statistics,
        )

    @operation("statistics.page")
    def page(self, *, since: TimeInput, until: TimeInput) -> Statistics:
        """Page statistics."""
        return self._client._model("statistics.page", _params(since=since, until=until), Statistics)

    @operation("statistics.tags")
    def tags(self, *, since: TimeInput, until: TimeInput) -> Statistics:
        """Tag statistics (tag ids are strings like ``"tag_216"`` here)."""
        return self._client._model("statistics.tags", _params(since=since, until=until), Statistics)

    @operation("statistics.users")
    def users(
        self,
        *,
        date_range: Optional[str] = None,
        since: Optional[TimeInput] = None,
        until: Optional[TimeInput] = None,
        zone: Optional[str] = None,
    ) -> Statistics:
        """Staff statistics over ``date_range`` or ``since`` / ``until``."""
        return self._client._model(
            "statistics.users",
            _params(date_range=date_range, since=since, until=until, zone=zone),
            Statistics,
        )

    @operation("statistics.new_customers")
    def new_customers(
        self,
        *,
        date_range: Optional[str] = None,
        since: Optional[TimeInput] = None,
        until: Optional[TimeInput] = None,
        zone: Optional[str] = None,
        group_by: Optional[str] = None,
    ) -> Statistics:
        """New customer statistics over ``date_range`` (dates only) or the local days holding
        ``since`` and ``until``."""
        return self._client._model(
            "statistics.new_customers",
            _params(date_range=date_range, since=since, until=until, zone=zone, group_by=group_by),
            Statistics,
        )


class UserStatistics(Resource):
    """Statistics across the user's pages."""

    @operation("statistics.multi_page_users")
    def pages_users(
        self,
        *,
        page_ids: Sequence[str],
        date_range: Optional[str] = None,
        since: Optional[TimeInput] = None,
        until: Optional[TimeInput] = None,
        zone: Optional[str] = None,
    ) -> Statistics:
        """Staff statistics over several pages, over ``date_range`` or ``since`` / ``until``."""
        return self._client._model(
            "statistics.multi_page_users",
            _params(
                page_ids=page_ids,
                date_range=date_range,
                since=since,
                until=until,
                zone=zone,
            ),
            Statistics,
        )
