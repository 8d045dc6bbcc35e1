"""``pancake-api export``: a resumable export of a page's records to JSON Lines or CSV.

    pancake-api export customers --page-id 123 --since 2024-01-01 --until 2024-02-01 \\
        --format jsonl --out customers.jsonl

The page access token comes from ``--token`` or ``PANCAKE_PAGE_ACCESS_TOKEN`` (never printed),
the base URL from ``--base-url`` or ``PANCAKE_BASE_URL``. Progress goes to stderr. Beside the
output a resume file (``OUT.resume``) records, after every record, the paginator's resume token
and the output's size; a killed export run again with the same arguments truncates the output to
the last recorded record and continues from there: no duplicate, no gap. The resume file is
removed when the export completes.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from datetime import date, datetime, timezone
from typing import Any, Dict, Iterator, List, Optional, Sequence, TextIO

from . import PageClient, PancakeError
from ._base import PageIterator
from ._models import Model

KINDS = ("customers", "conversations", "messages", "posts", "call-logs")


def _time(text: str) -> datetime:
    """``2024-01-31``, an ISO date-time (naive = UTC) or unix seconds."""
    if text.isdigit():
        return datetime.fromtimestamp(int(text), tz=timezone.utc)
    if len(text) == 10:
        d = date.fromisoformat(text)
        return datetime(d.year, d.month, d.day, tzinfo=timezone.utc)
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pancake-api", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    exp = sub.add_parser("export", help="export records to JSON Lines or CSV, resumably")
    exp.add_argument("kind", choices=KINDS)
    exp.add_argument("--page-id", default=os.environ.get("PANCAKE_PAGE_ID"), required=False)
    exp.add_argument("--token", help="page access token (default: $PANCAKE_PAGE_ACCESS_TOKEN)")
    exp.add_argument("--base-url", default=None)
    exp.add_argument("--since", type=_time, help="start (date, ISO date-time or unix seconds)")
    exp.add_argument("--until", type=_time, help="end (date, ISO date-time or unix seconds)")
    exp.add_argument("--conversation-id", help="for messages: the conversation")
    exp.add_argument("--sip-id", help="for call-logs: the SIP package id")
    exp.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    exp.add_argument("--out", required=True, help="output file")
    exp.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    return parser


def _iterator(
    page: PageClient, args: argparse.Namespace, resume: Optional[str]
) -> PageIterator[Any]:
    def need(name: str) -> Any:
        value = getattr(args, name)
        if value is None:
            raise SystemExit(f"pancake-api: --{name.replace('_', '-')} is required for {args.kind}")
        return value

    if args.kind == "customers":
        return page.customers.iter(since=need("since"), until=need("until"), resume=resume)
    if args.kind == "conversations":
        return page.conversations.iter(since=args.since, until=args.until, resume=resume)
    if args.kind == "messages":
        return page.messages.iter(need("conversation_id"), resume=resume)
    if args.kind == "posts":
        return page.posts.iter(since=need("since"), until=need("until"), resume=resume)
    return page.call_logs.iter(id=need("sip_id"), since=args.since, until=args.until, resume=resume)


class _Writer:
    """Writes records as JSON Lines (lossless) or CSV (the first record's columns, then
    ``_extra`` with any other field as JSON)."""

    def __init__(self, out: TextIO, fmt: str, columns: Optional[List[str]]) -> None:
        self.out, self.fmt, self.columns = out, fmt, columns

    def write(self, record: Dict[str, Any]) -> None:
        if self.fmt == "jsonl":
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
            return
        if self.columns is None:
            self.columns = list(record) + ["_extra"]
            self._row(self.columns)
        extra = {k: v for k, v in record.items() if k not in self.columns}
        row = [_cell(record.get(c)) for c in self.columns[:-1]]
        self._row(row + [json.dumps(extra, ensure_ascii=False) if extra else ""])

    def _row(self, cells: Sequence[str]) -> None:
        buf = io.StringIO()
        csv.writer(buf).writerow(cells)
        self.out.write(buf.getvalue())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def export(args: argparse.Namespace) -> int:
    token = args.token or os.environ.get("PANCAKE_PAGE_ACCESS_TOKEN")
    if not args.page_id:
        raise SystemExit("pancake-api: --page-id (or PANCAKE_PAGE_ID) is required")
    page = PageClient(args.page_id, token, base_url=args.base_url)
    state_path = args.out + ".resume"
    resume: Optional[str] = None
    columns: Optional[List[str]] = None
    if os.path.exists(state_path) and os.path.exists(args.out):
        with open(state_path, encoding="utf-8") as f:
            state = json.load(f)
        resume, columns = state["token"], state.get("columns")
        with open(args.out, "r+b") as f:
            f.truncate(state["size"])
        mode = "a"
    else:
        mode = "w"
    items = _iterator(page, args, resume)
    bar = None
    if not args.no_progress:
        try:
            from tqdm.auto import tqdm

            bar = tqdm(desc=f"export {args.kind}", unit=" records", file=sys.stderr)
        except ImportError:
            bar = None
    count = 0
    with open(args.out, mode, encoding="utf-8", newline="") as out:
        writer = _Writer(out, args.format, columns)
        for record in _records(items):
            writer.write(record)
            out.flush()
            count += 1
            _save_state(state_path, items.resume_token, out.tell(), writer.columns)
            if bar is not None:
                bar.update(1)
            elif not args.no_progress and count % 100 == 0:
                print(f"\rexport {args.kind}: {count} records", end="", file=sys.stderr)
    if bar is not None:
        bar.close()
    os.remove(state_path) if os.path.exists(state_path) else None
    print(f"export {args.kind}: {count} records written to {args.out}", file=sys.stderr)
    return 0


def _records(items: PageIterator[Any]) -> Iterator[Dict[str, Any]]:
    for item in items:
        assert isinstance(item, Model)
        yield item.to_dict()


def _save_state(path: str, token: str, size: int, columns: Optional[List[str]]) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"token": token, "size": size, "columns": columns}, f)
    os.replace(tmp, path)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """The ``pancake-api`` command."""
    args = _parser().parse_args(argv)
    try:
        return export(args)
    except PancakeError as e:
        print(f"pancake-api: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\npancake-api: interrupted; run the same command again to resume", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
