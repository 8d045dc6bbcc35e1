"""``make demo``: a real export against ``pancake-mock`` under the real rate limit.

Starts the mock on loopback with a seeded page of a few thousand customers (5 requests per
second per page, as the live service), runs the ``pancake-api export`` command for the page's
customers, its conversations and the messages of some conversations into ``./demo-out/`` with a
progress bar, stops the mock and prints counts, elapsed time and the ideal time the rate limit
allows (requests ÷ 5/s). The exports run in one process, as one program would, so they share
the page's rate limiter.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mockserver import SINCE, UNTIL, Mock, count_ops, page_token  # noqa: E402
from pancake_api.cli import main as cli  # noqa: E402

RATE = 5.0


def lines(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        return sum(1 for _ in f)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--customers", type=int, default=3000)
    ap.add_argument("--conversations", type=int, default=150)
    ap.add_argument(
        "--message-conversations",
        type=int,
        default=10,
        help="export the messages of this many conversations",
    )
    ap.add_argument("--out", default="demo-out")
    args = ap.parse_args()

    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(os.path.join(args.out, "messages"))
    since = time.strftime("%Y-%m-%d", time.gmtime(SINCE))
    until = time.strftime("%Y-%m-%d", time.gmtime(UNTIL))

    with Mock(
        "--customers",
        str(args.customers),
        "--conversations",
        str(args.conversations),
        "--rate-limit",
        "5",
    ) as mock:
        page_id = mock.pages()[0]
        print(f"pancake-mock at {mock.url} (rate limit 5 requests/s/page), page {page_id}")
        os.environ["PANCAKE_PAGE_ACCESS_TOKEN"] = page_token(page_id)  # the mock's, not secret
        common = ["--page-id", page_id, "--base-url", mock.api, "--format", "jsonl"]
        mock.clear_journal()
        start = time.monotonic()
        rc = cli(
            [
                "export",
                "customers",
                *common,
                "--since",
                since,
                "--until",
                until,
                "--out",
                os.path.join(args.out, "customers.jsonl"),
            ]
        )
        rc = rc or cli(
            [
                "export",
                "conversations",
                *common,
                "--out",
                os.path.join(args.out, "conversations.jsonl"),
            ]
        )
        conv_ids = []
        if rc == 0:
            with open(os.path.join(args.out, "conversations.jsonl"), encoding="utf-8") as f:
                for line in f:
                    conv_ids.append(str(json.loads(line)["id"]))
                    if len(conv_ids) == args.message_conversations:
                        break
        for cid in conv_ids:
            rc = rc or cli(
                [
                    "export",
                    "messages",
                    *common,
                    "--conversation-id",
                    cid,
                    "--out",
                    os.path.join(args.out, "messages", f"{cid}.jsonl"),
                ]
            )
        elapsed = time.monotonic() - start
        journal = mock.journal()
    if rc != 0:
        print("demo: an export failed", file=sys.stderr)
        return rc

    requests = count_ops(journal)
    ideal = requests / RATE
    customers = lines(os.path.join(args.out, "customers.jsonl"))
    conversations = lines(os.path.join(args.out, "conversations.jsonl"))
    messages = sum(lines(os.path.join(args.out, "messages", f"{c}.jsonl")) for c in conv_ids)
    print()
    print(f"exported into ./{args.out}/:")
    print(f"  customers      {customers:>7}  ({count_ops(journal, 'customers.list')} requests)")
    print(
        f"  conversations  {conversations:>7}  "
        f"({count_ops(journal, 'conversations.list')} requests)"
    )
    print(
        f"  messages       {messages:>7}  of {len(conv_ids)} conversations "
        f"({count_ops(journal, 'messages.list')} requests)"
    )
    print(
        f"elapsed {elapsed:.1f} s for {requests} requests; ideal at 5 requests/s "
        f"{ideal:.1f} s (elapsed ÷ ideal = {elapsed / ideal:.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
