"""The package against the real mock server over real HTTP: every endpoint, pagination,
resume, retries, faults, timeouts, errors and redaction."""

from __future__ import annotations

import json
import time
from datetime import date, datetime, timezone
from typing import Any, Iterator

import pytest
from conftest import Mock

import pancake_api
from pancake_api import PageClient, UserClient
from pancake_api.errors import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    InvalidRequestError,
    PermissionDeniedError,
    ServerError,
)

SINCE = datetime(2000, 1, 1, tzinfo=timezone.utc)
UNTIL = datetime(2030, 1, 1, tzinfo=timezone.utc)
USER_TOKEN = "mock-user-token"


@pytest.fixture(scope="module")
def server() -> Iterator[Mock]:
    m = Mock("--rate-limit", "off")
    yield m
    m.stop()


@pytest.fixture()
def mock(server: Mock) -> Mock:
    server.reset()
    server.control("/__mock/faults", None)
    _clear(server)
    return server


def _clear(m: Mock) -> None:
    import urllib.request

    for path in ("/__mock/faults", "/__mock/requests"):
        urllib.request.urlopen(urllib.request.Request(m.address + path, method="DELETE")).read()


def _page_id(m: Mock) -> str:
    user = UserClient(USER_TOKEN, base_url=m.url)
    return str(user.pages.list()[0].id)


def _page(m: Mock, **kw: Any) -> PageClient:
    pid = _page_id(m)
    return PageClient(pid, f"mock-page-token-{pid}", base_url=m.url, **kw)


def test_user_pages_and_token(mock: Mock) -> None:
    user = UserClient(USER_TOKEN, base_url=mock.url)
    pages = user.pages.list()
    assert len(pages) >= 2
    assert all(p.name for p in pages)
    token = user.pages.generate_page_access_token(pages[0].id)
    assert token.page_access_token == f"mock-page-token-{pages[0].id}"
    page = user.page(pages[0].id, token.page_access_token)
    assert page.tags.list()


def test_customers_iter_is_complete_and_unique(mock: Mock) -> None:
    page = _page(mock)
    first = page.customers.list(since=SINCE, until=UNTIL, page_size=10)
    assert first.total is not None and first.total > 10
    seen = [c.psid for c in page.customers.iter(since=SINCE, until=UNTIL, page_size=37)]
    assert len(seen) == first.total
    assert len(set(seen)) == len(seen)


def test_resume_after_every_kind_of_item(mock: Mock) -> None:
    page = _page(mock)
    full = [c.id for c in page.customers.iter(since=SINCE, until=UNTIL, page_size=25)]
    for stop in (1, 24, 25, 26, 60):
        it = page.customers.iter(since=SINCE, until=UNTIL, page_size=25)
        head = [next(it).id for _ in range(stop)]
        token = it.resume_token
        rest = [
            c.id for c in page.customers.iter(since=SINCE, until=UNTIL, page_size=25, resume=token)
        ]
        assert head + rest == full, stop


def test_conversations_messages_and_writes(mock: Mock) -> None:
    page = _page(mock)
    convs = page.conversations.list()
    assert len(convs) > 0
    conv = convs[0]
    assert isinstance(conv.updated_at, datetime) and conv.updated_at.tzinfo is not None
    all_convs = list(page.conversations.iter())
    assert len({c.id for c in all_convs}) == len(all_convs) >= len(convs)

    tags = page.tags.list()
    page.conversations.add_tag(conv.id, tags[0].id)
    again = {c.id: c for c in page.conversations.iter()}[conv.id]
    assert str(tags[0].id) in [
        str(t.id if isinstance(t, pancake_api.Model) else t) for t in again.tags
    ]
    page.conversations.remove_tag(conv.id, tags[0].id)
    page.conversations.mark_read(conv.id)
    page.conversations.mark_unread(conv.id)
    users = page.users.list()
    page.conversations.assign(conv.id, [users[0].id])

    inbox = next(c for c in all_convs if c.type == "INBOX")
    history = list(page.messages.iter(inbox.id))
    assert history
    page.messages.send(inbox.id, "Xin chào, shop đã nhận đơn ạ")
    after = page.messages.list(inbox.id)
    # Messages come back as the HTML the inbox shows (`<div>...</div>`).
    assert any("Xin chào, shop đã nhận đơn ạ" in (m.get("message") or "") for m in after.items)


def test_upload_then_send_content(mock: Mock) -> None:
    page = _page(mock)
    content = page.contents.upload(b"\x89PNG fake image bytes", filename="anh.png")
    inbox = next(c for c in page.conversations.iter() if c.type == "INBOX")
    page.messages.send(inbox.id, content_ids=[content.id])
    with pytest.raises(InvalidRequestError) as err:
        page.messages.send(inbox.id, "both", content_ids=[content.id])
    assert err.value.param == "content_ids"


def test_customer_update_and_notes(mock: Mock) -> None:
    page = _page(mock)
    customer = page.customers.list(since=SINCE, until=UNTIL, page_size=1)[0]
    page.customers.update(customer.id, phone_numbers=["0328290781"], gender="female")
    note = page.customers.add_note(customer.id, "Khách quen, giao giờ hành chính")
    assert note.to_dict()
    with pytest.raises(InvalidRequestError) as err:
        page.customers.update(customer.id, birthday="1990-02-30")
    assert err.value.param == "changes.birthday"
    with pytest.raises(InvalidRequestError) as err:
        page.customers.update(customer.id, gender="other")
    assert err.value.param == "changes.gender"


def test_other_lists_and_statistics(mock: Mock) -> None:
    page = _page(mock)
    assert list(page.posts.iter(since=SINCE, until=UNTIL))
    assert page.statistics.page(since=SINCE, until=UNTIL).to_dict()
    assert page.statistics.users(date_range="01/07/2021 00:00:00 - 26/07/2021 23:59:59").to_dict()
    assert page.statistics.new_customers(date_range="20/07/2020 - 20/08/2020").to_dict()
    page.users.set_round_robin(inbox=[page.users.list()[0].id])


def test_validation_names_the_parameter_and_sends_nothing(mock: Mock) -> None:
    page = _page(mock)
    _clear(mock)
    with pytest.raises(InvalidRequestError) as err:
        page.customers.list(since=SINCE, until=UNTIL, page_size=500)
    assert err.value.param == "page_size"
    assert isinstance(err.value, ValueError)
    assert mock.journal() == []


def test_reads_are_retried_on_503(mock: Mock) -> None:
    page = _page(mock)
    mock.control("/__mock/faults", {"route": "tags.list", "status": 503, "count": 2})
    assert page.tags.list()
    assert len([r for r in mock.journal() if r["op"] == "tags.list"]) == 3


def test_500_is_not_retried(mock: Mock) -> None:
    page = _page(mock)
    mock.control("/__mock/faults", {"route": "tags.list", "status": 500, "count": 1})
    with pytest.raises(ServerError):
        page.tags.list()
    assert len([r for r in mock.journal() if r["op"] == "tags.list"]) == 1


def test_a_dropped_send_is_never_repeated(mock: Mock) -> None:
    page = _page(mock)
    inbox = next(c for c in page.conversations.iter() if c.type == "INBOX")
    _clear(mock)
    mock.control("/__mock/faults", {"route": "messages.send", "action": "drop", "count": 1})
    with pytest.raises(APIConnectionError) as err:
        page.messages.send(inbox.id, "chỉ gửi một lần")
    assert not err.value.before_send
    sends = [r for r in mock.journal() if r["op"] == "messages.send"]
    assert len(sends) == 1


def test_timeout(mock: Mock) -> None:
    page = _page(mock, timeout=0.3, max_retries=0)
    mock.control("/__mock/faults", {"route": "tags.list", "delay_ms": 1500, "count": 1})
    with pytest.raises(APITimeoutError):
        page.tags.list()


def test_auth_errors_never_show_the_token(mock: Mock) -> None:
    pid = _page_id(mock)
    bad = PageClient(pid, "wrong.secret-token", base_url=mock.url)
    with pytest.raises(AuthenticationError) as err:
        bad.tags.list()
    assert err.value.code == 102
    text = f"{err.value} {err.value!r} {err.value.body} {bad!r}"
    assert "wrong.secret-token" not in text
    other = [p.id for p in UserClient(USER_TOKEN, base_url=mock.url).pages.list() if p.id != pid][0]
    with pytest.raises(PermissionDeniedError):
        PageClient(other, f"mock-page-token-{pid}", base_url=mock.url).tags.list()


def test_models_round_trip_and_read_well(mock: Mock) -> None:
    page = _page(mock)
    customer = page.customers.list(since=SINCE, until=UNTIL, page_size=1)[0]
    raw = customer.to_dict()
    assert json.loads(customer.to_json()) == raw
    assert isinstance(customer.inserted_at, datetime)
    assert "mock-page-token" not in repr(customer)
    with pytest.raises(AttributeError):
        customer.no_such_field  # noqa: B018
    raw["name"] = "changed"
    assert customer.name != "changed"


def test_time_inputs(mock: Mock) -> None:
    page = _page(mock)
    a = page.customers.list(since=date(2000, 1, 1), until=date(2030, 1, 1), page_size=5)
    b = page.customers.list(since=946659600 - 7 * 3600, until=1893430800 - 7 * 3600, page_size=5)
    assert [c.id for c in a] == [c.id for c in b]
    with pytest.raises(InvalidRequestError) as err:
        page.customers.list(since="yesterday", until=UNTIL)  # type: ignore[arg-type]
    assert err.value.param == "since"


def test_rate_limit_is_respected_without_surfacing_429() -> None:
    m = Mock("--rate-limit", "5")
    try:
        page = _page(m)
        started = time.monotonic()
        for _ in range(12):
            page.tags.list()
        elapsed = time.monotonic() - started
        # No RateLimitError reached us; the client waited instead of being throttled.
        assert elapsed >= 1.0
    finally:
        m.stop()


def test_env_configuration(mock: Mock, monkeypatch: pytest.MonkeyPatch) -> None:
    pid = _page_id(mock)
    monkeypatch.setenv("PANCAKE_PAGE_ACCESS_TOKEN", f"mock-page-token-{pid}")
    monkeypatch.setenv("PANCAKE_BASE_URL", mock.url)
    assert PageClient(pid).tags.list()
    monkeypatch.delenv("PANCAKE_PAGE_ACCESS_TOKEN")
    with pytest.raises(InvalidRequestError):
        PageClient(pid)


def test_helpers() -> None:
    assert pancake_api.normalize_phone("+62 81 816 6016") == "+6281816 6016".replace(" ", "")
    assert pancake_api.extract_phones("Babywearit (+62 81 816 6016)") == [
        "+6281816 6016".replace(" ", "")
    ]
    assert pancake_api.avatar_url("1", "2").endswith("/pages/1/avatar/2")


def test_typed_example_runs(mock: Mock) -> None:
    from typed_example import sync

    phones = sync(mock.url)
    assert all(p.startswith("+") for p in phones)


def test_ctrl_c_stops_a_slow_request_within_a_second(mock: Mock, tmp_path: Any) -> None:
    import signal
    import subprocess
    import sys

    pid = _page_id(mock)
    mock.control("/__mock/faults", {"route": "tags.list", "delay_ms": 10000})
    script = tmp_path / "slow.py"
    script.write_text(
        "import sys\n"
        "from pancake_api import PageClient\n"
        f"page = PageClient({pid!r}, 'mock-page-token-{pid}', base_url={mock.url!r})\n"
        "print('ready', flush=True)\n"
        "try:\n"
        "    page.tags.list()\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', flush=True)\n"
        "    sys.exit(3)\n"
    )
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    started = time.monotonic()
    code = proc.wait(5)
    assert time.monotonic() - started < 1.0
    assert code == 3 and proc.stdout.read().strip() == "interrupted"


def test_threads_wait_in_parallel(mock: Mock) -> None:
    import threading

    user = UserClient(USER_TOKEN, base_url=mock.url)
    ids = [p.id for p in user.pages.list()[:2]]
    mock.control("/__mock/faults", {"route": "tags.list", "delay_ms": 800})
    pages = [PageClient(i, f"mock-page-token-{i}", base_url=mock.url) for i in ids]
    started = time.monotonic()
    threads = [threading.Thread(target=p.tags.list) for p in pages]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Both requests waited at the same time: the GIL is released while waiting.
    assert time.monotonic() - started < 1.5
