"""Every public method of every resource, once, against the mock: the Python face of each core
operation works end to end (request built by core, sent, parsed, wrapped)."""

from __future__ import annotations

import inspect
import time
from datetime import date, datetime, timedelta, timezone
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest
from conftest import Mock

from pancake_api import InvalidRequestError, Model, Page, PageClient, PageIterator, UserClient

SINCE = datetime(2000, 1, 1, tzinfo=timezone.utc)
UNTIL = datetime(2030, 1, 1, tzinfo=timezone.utc)
# The mock's conversations (seed 42) are from late December 2025; three months of windows.
V1_SINCE = int(datetime(2025, 11, 1, tzinfo=timezone.utc).timestamp())
V1_UNTIL = int(datetime(2026, 1, 31, tzinfo=timezone.utc).timestamp())
RANGE = "01/07/2021 00:00:00 - 26/07/2021 23:59:59"


@pytest.fixture(scope="module")
def env() -> Iterator[Dict[str, Any]]:
    mock = Mock("--rate-limit", "off")
    user = UserClient("mock-user-token", base_url=mock.url)
    pid = str(user.pages.list()[0].id)
    page = PageClient(pid, f"mock-page-token-{pid}", base_url=mock.url)
    convs = list(page.conversations.iter())
    inbox = next(c for c in convs if c.type == "INBOX")
    comment = next(c for c in convs if c.type == "COMMENT")
    comment_msg = page.messages.list(comment.id).items[-1]
    customer = page.customers.list(since=SINCE, until=UNTIL, page_size=1)[0]
    yield {
        "mock": mock,
        "user": user,
        "page": page,
        "pid": pid,
        "inbox": inbox,
        "comment": comment,
        "comment_msg": comment_msg,
        "customer": customer,
        "tag": page.tags.list()[0],
        "staff": page.users.list()[0],
    }
    mock.stop()


def _note(e: Dict[str, Any]) -> Model:
    return e["page"].customers.add_note(e["customer"].id, "Ghi chú để sửa")


def _note_id(note: Model) -> str:
    return str(note.to_dict()["data"]["id"])


CALLS: List[Tuple[str, Callable[[Dict[str, Any]], Any]]] = [
    ("Pages.list", lambda e: e["user"].pages.list()),
    (
        "Pages.generate_page_access_token",
        lambda e: e["user"].pages.generate_page_access_token(e["pid"]),
    ),
    (
        "UserStatistics.pages_users",
        lambda e: e["user"].statistics.pages_users(page_ids=[e["pid"]], date_range=RANGE),
    ),
    ("Conversations.list", lambda e: e["page"].conversations.list()),
    ("Conversations.iter", lambda e: e["page"].conversations.iter()),
    (
        "Conversations.list_v1",
        lambda e: e["page"].conversations.list_v1(since=V1_UNTIL - 86400 * 20, until=V1_UNTIL),
    ),
    (
        "Conversations.iter_v1",
        lambda e: e["page"].conversations.iter_v1(since=V1_SINCE, until=V1_UNTIL),
    ),
    (
        "Conversations.add_tag",
        lambda e: e["page"].conversations.add_tag(e["inbox"].id, e["tag"].id),
    ),
    (
        "Conversations.remove_tag",
        lambda e: e["page"].conversations.remove_tag(e["inbox"].id, e["tag"].id),
    ),
    (
        "Conversations.assign",
        lambda e: e["page"].conversations.assign(e["inbox"].id, [e["staff"].id]),
    ),
    ("Conversations.mark_read", lambda e: e["page"].conversations.mark_read(e["inbox"].id)),
    ("Conversations.mark_unread", lambda e: e["page"].conversations.mark_unread(e["inbox"].id)),
    ("Messages.list", lambda e: e["page"].messages.list(e["inbox"].id)),
    ("Messages.iter", lambda e: e["page"].messages.iter(e["inbox"].id)),
    ("Messages.send", lambda e: e["page"].messages.send(e["inbox"].id, "Dạ shop chào bạn")),
    (
        "Messages.reply_comment",
        lambda e: e["page"].messages.reply_comment(
            e["comment"].id, e["comment_msg"].id, "Shop inbox bạn nhé"
        ),
    ),
    (
        "Messages.private_reply",
        lambda e: e["page"].messages.private_reply(
            e["comment"].id,
            post_id=str(e["comment"].get("post_id")),
            message_id=e["comment_msg"].id,
            from_id=str(e["comment"].to_dict().get("from", {}).get("id", "x")),
            message="Chào bạn",
        ),
    ),
    ("Customers.list", lambda e: e["page"].customers.list(since=SINCE, until=UNTIL)),
    ("Customers.iter", lambda e: e["page"].customers.iter(since=SINCE, until=UNTIL)),
    (
        "Customers.update",
        lambda e: e["page"].customers.update(e["customer"].id, name="Nguyễn Văn Á"),
    ),
    ("Customers.add_note", _note),
    (
        "Customers.update_note",
        lambda e: e["page"].customers.update_note(e["customer"].id, _note_id(_note(e)), "Đã sửa"),
    ),
    (
        "Customers.delete_note",
        lambda e: e["page"].customers.delete_note(e["customer"].id, _note_id(_note(e))),
    ),
    (
        "PageStatistics.campaigns",
        lambda e: e["page"].statistics.campaigns(since=SINCE, until=UNTIL),
    ),
    (
        "PageStatistics.ads",
        lambda e: e["page"].statistics.ads(since=SINCE, until=UNTIL, type="by_id"),
    ),
    ("PageStatistics.engagements", lambda e: e["page"].statistics.engagements(date_range=RANGE)),
    ("PageStatistics.page", lambda e: e["page"].statistics.page(since=SINCE, until=UNTIL)),
    ("PageStatistics.tags", lambda e: e["page"].statistics.tags(since=SINCE, until=UNTIL)),
    ("PageStatistics.users", lambda e: e["page"].statistics.users(date_range=RANGE)),
    (
        "PageStatistics.new_customers",
        lambda e: e["page"].statistics.new_customers(date_range="20/07/2020 - 20/08/2020"),
    ),
    (
        "Export.conversations_from_ads",
        lambda e: e["page"].export.conversations_from_ads(since=SINCE, until=UNTIL),
    ),
    (
        "Export.iter_conversations_from_ads",
        lambda e: e["page"].export.iter_conversations_from_ads(since=SINCE, until=UNTIL),
    ),
    ("CallLogs.list", lambda e: e["page"].call_logs.list(id="sip-1")),
    ("CallLogs.iter", lambda e: e["page"].call_logs.iter(id="sip-1")),
    ("Posts.list", lambda e: e["page"].posts.list(since=SINCE, until=UNTIL)),
    ("Posts.iter", lambda e: e["page"].posts.iter(since=SINCE, until=UNTIL)),
    ("Tags.list", lambda e: e["page"].tags.list()),
    ("Users.list", lambda e: e["page"].users.list()),
    ("Users.set_round_robin", lambda e: e["page"].users.set_round_robin(inbox=[e["staff"].id])),
    ("Contents.upload", lambda e: e["page"].contents.upload(b"GIF89a fake", filename="a.gif")),
    (
        "ChatPlugin.send",
        lambda e: e["page"].chat_plugin.send(
            from_id="web-visitor-1",
            dummy_id=int(time.time() * 1000),
            inserted_at=int(time.time() * 1000),
            message="Xin chào",
        ),
    ),
    (
        "ChatPlugin.list",
        lambda e: e["page"].chat_plugin.list(
            str(
                e["page"]
                .chat_plugin.send(
                    from_id="web-visitor-2",
                    dummy_id=1,
                    inserted_at=int(time.time() * 1000),
                    message="Hi",
                )
                .to_dict()
                .get("conversation_id", "")
            )
        ),
    ),
]


@pytest.mark.parametrize("name,call", CALLS, ids=[n for n, _ in CALLS])
def test_method_against_the_mock(
    env: Dict[str, Any], name: str, call: Callable[[Dict[str, Any]], Any]
) -> None:
    result = call(env)
    if isinstance(result, PageIterator):
        items = list(result)
        assert items and all(isinstance(i, Model) for i in items)
    elif isinstance(result, Page):
        assert all(isinstance(i, Model) for i in result)
    elif isinstance(result, list):
        assert result and all(isinstance(i, Model) for i in result)
    else:
        assert isinstance(result, Model)
        assert result.to_dict() is not None


def test_every_public_method_is_called() -> None:
    from test_signatures import RESOURCES

    methods = {
        f"{cls.__name__}.{name}"
        for cls in RESOURCES
        for name, fn in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }
    assert methods == {n for n, _ in CALLS}


def test_to_pandas_and_progress(env: Dict[str, Any], capsys: Any) -> None:
    page = env["page"]
    frame = page.customers.list(since=SINCE, until=UNTIL, page_size=20).to_pandas()
    assert len(frame) == 20 and "psid" in frame.columns
    frame = page.posts.iter(since=SINCE, until=UNTIL, progress=True).to_pandas()
    assert len(frame) > 0
    assert "items" in capsys.readouterr().err  # tqdm's bar went to stderr


def test_statistics_take_since_and_until(env: Dict[str, Any]) -> None:
    """Engagement, staff and new-customer statistics take times like every other endpoint;
    core writes the ``date_range`` text in Vietnam time (or ``zone``)."""
    from urllib.parse import parse_qs

    mock, page, user = env["mock"], env["page"], env["user"]
    vn = timezone(timedelta(hours=7))
    since, until = datetime(2021, 7, 27, tzinfo=vn), datetime(2021, 8, 26, 23, 59, 59, tzinfo=vn)
    start = len(mock.journal())
    page.statistics.engagements(since=since, until=until, by_hour=True)
    page.statistics.users(since=int(since.timestamp()), until=int(until.timestamp()))
    page.statistics.new_customers(since=date(2020, 7, 20), until=date(2020, 8, 20))
    user.statistics.pages_users(page_ids=[env["pid"]], since=since, until=until, zone="UTC")
    sent = {
        r["op"]: parse_qs(r["query"])["date_range"][0]
        for r in mock.journal()[start:]
        if r.get("op", "").startswith("statistics.")
    }
    assert sent == {
        "statistics.engagements": "27/07/2021 00:00:00 - 26/08/2021 23:59:59",
        "statistics.users": "27/07/2021 00:00:00 - 26/08/2021 23:59:59",
        "statistics.new_customers": "20/07/2020 - 20/08/2020",
        "statistics.multi_page_users": "26/07/2021 17:00:00 - 26/08/2021 16:59:59",
    }
    with pytest.raises(InvalidRequestError) as e:
        page.statistics.users(since=since)
    assert e.value.param == "until"
    with pytest.raises(InvalidRequestError) as e:
        page.statistics.users(date_range="27/07/2021 00:00:00 - 26/08/2021 23:59:59", zone="UTC")
    assert e.value.param == "zone"
