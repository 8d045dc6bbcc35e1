"""``make bench``: the Python SDK against what a user would write by hand, as RATIOS measured in
one run against the same release ``pancake-mock`` (absolute times on a busy machine mean little).

1. rate-limited sync (mock at 5 requests/s/page): SDK wall ÷ ideal (requests ÷ 5/s), beside the
   guide's hand-written loop (fixed 300 ms sleep, ported to urllib) ÷ ideal; 429s surfaced.
2. unthrottled throughput over 100,000 customers: records/s of ``page.customers.iter()`` ÷ a
   plain urllib + json loop producing the same records (same count, same ids in order).
3. four pages in parallel (threads, rate limit on): speed-up over one after another.
4. footprint: wheel size, import time, peak memory iterating 100,000 customers vs 1,000.

When the npm package is built (``npm/dist/node.js``), it also runs ``node bench/node.mjs``
(the same four against the npm package, the same release mock) and fills the Node rows from
the JSON line it prints last.

Then writes ``docs/benchmarks.md`` (and the table in README.md between the bench markers).
Stdlib plus the installed wheel only.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import json
import math
import os
import platform
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, List, Optional, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pancake_api  # noqa: E402
from mockserver import MOCK, ROOT, SINCE, UNTIL, Mock, count_ops, count_repeats, page_token  # noqa: E402
from pancake_api import PageClient, RateLimitError  # noqa: E402

RATE = 5.0
PAGE_SIZE = 100


# --- what a user writes by hand -------------------------------------------------------------


class Surfaced429(Exception):
    """The hand-written loop got a 429 (it throws on any non-OK status, as the guide's does)."""


def plain_loop(
    api: str, page_id: str, token: str, sleep_s: float, limit: Optional[int] = None
) -> List[Dict[str, Any]]:
    """The guide's ``fetchAllCustomers`` (004_dc11d65fe7330d50.txt, "JS pagination loop"),
    ported to urllib + json: page_size 100, stop on an empty page or once ``total`` is reached,
    a fixed ``sleep_s`` between requests (0.3 in the guide, 0 for the unthrottled loop)."""
    out: List[Dict[str, Any]] = []
    number = 1
    while True:
        query = urllib.parse.urlencode(
            {
                "page_access_token": token,
                "since": str(SINCE),
                "until": str(UNTIL),
                "page_number": str(number),
                "page_size": str(PAGE_SIZE),
                "order_by": "inserted_at",
            }
        )
        try:
            with urllib.request.urlopen(
                f"{api}/public_api/v1/pages/{page_id}/page_customers?{query}"
            ) as res:
                body = json.loads(res.read())
        except urllib.error.HTTPError as e:
            if e.code == 429:
                raise Surfaced429() from None
            raise
        customers = body.get("customers") or []
        if not customers:
            break
        out.extend(customers)
        if len(out) >= body["total"] or (limit is not None and len(out) >= limit):
            break
        number += 1
        if sleep_s:
            time.sleep(sleep_s)
    return out


def sdk_ids(page: PageClient, limit: Optional[int] = None) -> List[str]:
    """Every customer through the SDK (ids kept to check both sides produce the same records)."""
    items = page.customers.iter(since=SINCE, until=UNTIL)
    if limit is not None:
        items = itertools.islice(items, limit)  # type: ignore[assignment]
    return [c.id for c in items]


def timed(fn: Any, *args: Any) -> Tuple[float, Any]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


# --- the four benchmarks --------------------------------------------------------------------


def bench_rate_limited(n: int) -> Dict[str, Any]:
    with Mock("--customers", str(n), "--rate-limit", "5") as mock:
        pid = mock.pages()[0]
        tok = page_token(pid)
        needed = math.ceil(n / PAGE_SIZE)
        ideal = needed / RATE

        mock.reset()
        sdk_429 = 0
        page = PageClient(pid, tok, base_url=mock.api)
        try:
            sdk_t, ids = timed(sdk_ids, page)
        except RateLimitError:
            sdk_429, sdk_t, ids = 1, float("nan"), []
        sdk_reqs = count_ops(mock.journal(), "customers.list")

        time.sleep(1.5)  # let the mock's bucket refill: both start with the same burst
        mock.reset()
        plain_429 = 0
        try:
            plain_t, recs = timed(plain_loop, mock.api, pid, tok, 0.3)
        except Surfaced429:
            plain_429, plain_t, recs = 1, float("nan"), []
        plain_reqs = count_ops(mock.journal(), "customers.list")
    return {
        "customers": n,
        "needed": needed,
        "ideal": ideal,
        "sdk_t": sdk_t,
        "sdk_n": len(ids),
        "sdk_reqs": sdk_reqs,
        "sdk_429": sdk_429,
        "plain_t": plain_t,
        "plain_n": len(recs),
        "plain_reqs": plain_reqs,
        "plain_429": plain_429,
    }


def bench_throughput(n: int, rounds: int) -> Dict[str, Any]:
    with Mock("--customers", str(n), "--rate-limit", "off") as mock:
        pid = mock.pages()[0]
        tok = page_token(pid)
        page = PageClient(pid, tok, base_url=mock.api, requests_per_second=None)
        sdk_best = plain_best = float("inf")
        same = True
        count = 0
        for _ in range(rounds):  # interleaved, best of each: the machine is shared
            t, ids = timed(sdk_ids, page)
            sdk_best = min(sdk_best, t)
            t, recs = timed(plain_loop, mock.api, pid, tok, 0.0)
            plain_best = min(plain_best, t)
            same = same and ids == [str(r["id"]) for r in recs] and len(ids) == n
            count = len(ids)
        mem = {k: peak_memory(mock.api, pid, k) for k in (1_000, n)}
    return {
        "customers": count,
        "same": same,
        "sdk_t": sdk_best,
        "plain_t": plain_best,
        "sdk_rps": count / sdk_best,
        "plain_rps": count / plain_best,
        "mem": mem,
    }


def bench_parallel(pages: int, per_page: int) -> Dict[str, Any]:
    # The mock gives the first page `--customers` and the others a third: seed enough that
    # every page has `per_page`, and sync the first `per_page` of each (the same work per page).
    with Mock("--pages", str(pages), "--customers", str(per_page * 3), "--rate-limit", "5") as mock:
        pids = mock.pages()
        clients = [PageClient(p, page_token(p), base_url=mock.api) for p in pids]
        counts: Dict[str, int] = {}

        def one(c: PageClient) -> None:
            counts[c.page_id] = len(sdk_ids(c, per_page))

        mock.reset()
        start = time.perf_counter()
        for c in clients:
            one(c)
        serial = time.perf_counter() - start
        serial_counts = dict(counts)
        serial_reqs = count_ops(mock.journal(), "customers.list")
        serial_retries = count_repeats(mock.journal(), "customers.list")

        time.sleep(1.5)  # both the SDK's and the mock's buckets refill
        mock.reset()
        counts.clear()
        threads = [threading.Thread(target=one, args=(c,)) for c in clients]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        parallel = time.perf_counter() - start
        par_reqs = count_ops(mock.journal(), "customers.list")
        par_retries = count_repeats(mock.journal(), "customers.list")
    ok = all(v == per_page for v in serial_counts.values()) and serial_counts == counts
    return {
        "pages": len(pids),
        "per_page": per_page,
        "serial": serial,
        "parallel": parallel,
        "speedup": serial / parallel,
        "same": ok,
        "ideal_one": math.ceil(per_page / PAGE_SIZE) / RATE,
        "needed": len(pids) * math.ceil(per_page / PAGE_SIZE),
        "serial_reqs": serial_reqs,
        "parallel_reqs": par_reqs,
        "serial_retries": serial_retries,
        "parallel_retries": par_retries,
    }


_MEM_CHILD = r"""
import itertools, sys, tracemalloc
from pancake_api import PageClient
def hwm():  # peak RSS of this process in kB (ru_maxrss would inherit the parent's peak)
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
api, pid = sys.argv[1], sys.argv[2]
n, since, until = (int(x) for x in sys.argv[3:6])
page = PageClient(pid, "mock-page-token-" + pid, base_url=api, requests_per_second=None)
before = hwm()
tracemalloc.start()
count = 0
for c in itertools.islice(page.customers.iter(since=since, until=until), n):
    count += 1
_, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(count, before, hwm(), peak)
"""


def peak_memory(api: str, pid: str, n: int) -> Dict[str, float]:
    """Peak RSS (VmHWM) and Python heap peak (tracemalloc) of a fresh interpreter that
    iterates ``n`` customers and keeps none."""
    out = subprocess.run(
        [sys.executable, "-c", _MEM_CHILD, api, pid, str(n), str(SINCE), str(UNTIL)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    count, before, after, peak = (int(x) for x in out)
    assert count == n, (count, n)
    return {
        "rss_mb": after / 1024,
        "rss_growth_mb": (after - before) / 1024,
        "py_peak_mb": peak / 2**20,
    }


def footprint() -> Dict[str, Any]:
    wheels = glob.glob(os.path.join(ROOT, "target", "bench-wheels", "*.whl")) or glob.glob(
        os.path.join(ROOT, "target", "wheels", "*.whl")
    )
    wheel = os.path.getsize(wheels[0]) if wheels else None
    code = "import time; t=time.perf_counter(); import pancake_api; print(time.perf_counter()-t)"
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(7)
    ]
    so = glob.glob(os.path.join(os.path.dirname(pancake_api.__file__), "_native*"))
    return {
        "wheel": wheel,
        "wheel_name": os.path.basename(wheels[0]) if wheels else None,
        "import_ms": min(times) * 1000,
        "import_median_ms": sorted(times)[3] * 1000,
        "native": os.path.getsize(so[0]) if so else None,
    }


def bench_node(args: argparse.Namespace) -> Dict[str, Any]:
    """Runs ``node bench/node.mjs`` (same sizes, same release mock), echoing its progress, and
    returns the JSON object it prints last, or ``{"skipped": reason}``."""
    npm = os.environ.get("PANCAKE_NPM_DIR", os.path.join(ROOT, "npm"))
    if not os.path.exists(os.path.join(npm, "dist", "node.js")):
        return {"skipped": "npm package not built (npm/dist/node.js missing)"}
    script = os.path.join(ROOT, "bench", "node.mjs")
    cmd = [
        "node",
        script,
        f"--sync-customers={args.sync_customers}",
        f"--customers={args.customers}",
        f"--rounds={args.rounds}",
        f"--per-page={args.per_page}",
    ]
    env = dict(os.environ, PANCAKE_MOCK=MOCK, PANCAKE_NPM_DIR=npm)
    lines: List[str] = []
    try:
        with subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True) as proc:
            assert proc.stdout is not None
            for line in proc.stdout:  # echo progress as it comes; the JSON line is kept
                if line.strip():
                    lines.append(line.rstrip("\n"))
                    if not line.startswith("{"):
                        print(line, end="", flush=True)
    except OSError as e:
        return {"skipped": f"node not runnable ({e})"}
    if proc.returncode != 0 or not lines:
        return {"skipped": f"node bench/node.mjs failed (exit {proc.returncode})"}
    try:
        result: Dict[str, Any] = json.loads(lines[-1])
    except ValueError:
        return {"skipped": "node bench/node.mjs printed no JSON line last"}
    return result


# --- report ---------------------------------------------------------------------------------


def machine() -> Dict[str, str]:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    try:
        uname = subprocess.run(["uname", "-a"], capture_output=True, text=True).stdout.strip()
    except OSError:
        uname = " ".join(platform.uname()).strip()
    return {
        "uname": uname,
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "load": load,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


Row = Tuple[str, str, str, str]


def render_node(nd: Dict[str, Any]) -> Tuple[List[Row], List[str]]:
    """The Node rows (in table order: rate-limited SDK, rate-limited fetch loop, throughput,
    Promise.all, memory, footprint) and the notes on missed targets."""
    if "skipped" in nd:
        why = f"not measured ({nd['skipped']})"
        return [
            (
                "1. rate-limited sync, Node SDK wall ÷ ideal",
                why,
                "≤ 1.05×, no 429",
                "not measured",
            ),
            (
                "1. rate-limited sync, guide's fetch loop (Node) ÷ ideal",
                why,
                "(baseline)",
                "",
            ),
            (
                "2. throughput, Node SDK ÷ fetch+JSON.parse loop",
                why,
                "≥ 1×",
                "not measured",
            ),
            ("3. 4 pages with Promise.all, speed-up", why, "≥ 3.5×", "not measured"),
            (
                "4. Node peak memory, 100,000 vs 1,000",
                why,
                "< 10 MB more",
                "not measured",
            ),
            ("4. wasm size, npm tarball, wasm instantiation", why, "", ""),
        ], []
    rl, tp, par, fp = (
        nd["rateLimited"],
        nd["throughput"],
        nd["parallel"],
        nd["footprint"],
    )
    small, big = tp["mem"]["small"], tp["mem"]["big"]
    mem_delta = big["rssMb"] - small["rssMb"]
    rl_ok = rl["sdkRatio"] <= 1.05 and rl["sdk429"] == 0 and rl["sdkN"] == rl["customers"]
    tarball = f"{fp['tarball'] / 1e3:,.0f} kB" if fp.get("tarball") else "unknown (npm pack failed)"
    rows: List[Row] = [
        (
            "1. rate-limited sync, Node SDK wall ÷ ideal",
            f"{rl['sdkRatio']:.2f}× ({rl['sdkT']:.1f} s for {rl['sdkN']:,} customers, "
            f"{rl['sdkReqs']} requests; ideal {rl['ideal']:.1f} s = {rl['needed']} ÷ 5/s); "
            f"429s surfaced: {rl['sdk429']}",
            "≤ 1.05×, no 429",
            verdict(rl_ok),
        ),
        (
            "1. rate-limited sync, guide's fetch loop (Node, fixed 300 ms) ÷ ideal",
            f"{rl['plainRatio']:.2f}× ({rl['plainT']:.1f} s, {rl['plainReqs']} requests); "
            f"429s surfaced: {rl['plain429']}",
            "(baseline)",
            "",
        ),
        (
            "2. throughput, Node SDK ÷ fetch+JSON.parse loop",
            f"{tp['ratio']:.2f}× ({tp['sdkRps']:,.0f} vs {tp['plainRps']:,.0f} records/s over "
            f"{tp['customers']:,} customers; same records: {'yes' if tp['same'] else 'NO'})",
            "≥ 1×",
            verdict(tp["ratio"] >= 1 and tp["same"]),
        ),
        (
            f"3. {par['pages']} pages with `Promise.all` (Node), speed-up over one after another",
            f"{par['speedup']:.2f}× ({par['serial']:.1f} s serial vs {par['parallel']:.1f} s "
            f"parallel, {par['perPage']:,} customers per page; same records: "
            f"{'yes' if par['same'] else 'NO'})",
            "≥ 3.5×",
            verdict(par["speedup"] >= 3.5 and par["same"]),
        ),
        (
            f"4. Node peak memory iterating {tp['customers']:,} vs 1,000 customers",
            f"+{mem_delta:.1f} MB peak RSS ({big['rssMb']:.1f} vs {small['rssMb']:.1f} MB)",
            "< 10 MB more",
            verdict(mem_delta < 10),
        ),
        (
            "4. wasm size, npm tarball, wasm instantiation (Node)",
            f"wasm {fp['wasmBytes'] / 1e3:,.0f} kB raw, {fp['wasmGzip'] / 1e3:,.0f} kB gzipped; "
            f"npm tarball {tarball}; `initSync` {fp['instantiateMs']:.1f} ms best of 5",
            "",
            "",
        ),
    ]
    notes: List[str] = []
    if not rl_ok:
        notes.append(
            f"Node rate-limited sync is {rl['sdkRatio']:.2f}× ideal with {rl['sdk429']} 429s "
            f"surfaced and {rl['sdkN']:,} of {rl['customers']:,} customers: over the target."
        )
    if tp["ratio"] < 1 or not tp["same"]:
        notes.append(
            f"Node throughput is {tp['ratio']:.2f}× the plain fetch loop (same records: "
            f"{'yes' if tp['same'] else 'NO'}), under the 1× target. `iter()` fetches the next "
            "page while the current one is read, so the bound is the JavaScript thread's CPU "
            "per page: core reading the page inside wasm (parsing it into a JSON value, checking "
            "it against the models' shape tables, writing the items back as JSON text; the module "
            'is built at `opt-level = "z"` to stay under its 256 KB budget), then `JSON.parse` '
            "and building models, against one `JSON.parse` for the plain loop. Handing JavaScript "
            "the server's own item text after a streaming check, with no JSON value built in "
            "between, is the next step."
        )
    if par["speedup"] < 3.5 or not par["same"]:
        notes.append(f"Node `Promise.all` speed-up is {par['speedup']:.2f}×, under 3.5×.")
    if mem_delta >= 10:
        notes.append(
            f"Node peak RSS grows {mem_delta:.1f} MB from 1,000 to all customers. It is V8's "
            "young generation growing towards its default 32 MB as allocation goes on, not "
            "memory the SDK keeps: wasm memory stays at 1.8 MB and old space at about 9 MB "
            "for both runs, `--max-semi-space-size=4` (a diagnosis, not something a library "
            "may set) brings the gap to +7 to +13 MB, and the plain fetch + `JSON.parse` loop "
            "that keeps nothing grows +67 MB the same way."
        )
    return rows, notes


def render(r: Dict[str, Any], m: Dict[str, str]) -> Tuple[str, List[str]]:
    rl, tp, par, fp = r["rate_limited"], r["throughput"], r["parallel"], r["footprint"]
    sdk_ratio = rl["sdk_t"] / rl["ideal"]
    plain_ratio = rl["plain_t"] / rl["ideal"]
    tp_ratio = tp["sdk_rps"] / tp["plain_rps"]
    mem_small, mem_big = tp["mem"][1_000], tp["mem"][tp["customers"]]
    mem_delta = mem_big["rss_mb"] - mem_small["rss_mb"]
    node_rows, node_notes = render_node(r.get("node") or {"skipped": "not run"})
    rows = [
        (
            "1. rate-limited sync, Python SDK wall ÷ ideal",
            f"{sdk_ratio:.2f}× ({rl['sdk_t']:.1f} s for {rl['sdk_n']:,} customers, "
            f"{rl['sdk_reqs']} requests; ideal {rl['ideal']:.1f} s = {rl['needed']} ÷ 5/s); "
            f"429s surfaced: {rl['sdk_429']}",
            "≤ 1.05×, no 429",
            verdict(sdk_ratio <= 1.05 and rl["sdk_429"] == 0),
        ),
        (
            "1. rate-limited sync, guide's fixed-300 ms loop ÷ ideal",
            f"{plain_ratio:.2f}× ({rl['plain_t']:.1f} s, {rl['plain_reqs']} requests); "
            f"429s surfaced: {rl['plain_429']}",
            "(baseline)",
            "",
        ),
        *node_rows[:2],
        (
            "2. throughput, Python SDK ÷ plain urllib+json loop",
            f"{tp_ratio:.2f}× ({tp['sdk_rps']:,.0f} vs {tp['plain_rps']:,.0f} records/s over "
            f"{tp['customers']:,} customers; same records: {'yes' if tp['same'] else 'NO'})",
            "≥ 2×",
            verdict(tp_ratio >= 2 and tp["same"]),
        ),
        node_rows[2],
        (
            f"3. {par['pages']} pages in parallel (threads), speed-up over one after another",
            f"{par['speedup']:.2f}× ({par['serial']:.1f} s serial vs {par['parallel']:.1f} s "
            f"parallel, {par['per_page']:,} customers per page; requests "
            f"{par['serial_reqs']} and {par['parallel_reqs']} for {par['needed']} pages of "
            f"customers (each iterator may fetch one page ahead of where it stopped), repeated "
            f"(retries) {par['serial_retries']} and {par['parallel_retries']})",
            "≥ 3.5×",
            verdict(par["speedup"] >= 3.5 and par["same"]),
        ),
        node_rows[3],
        (
            "4. wheel size",
            f"{fp['wheel'] / 1e6:.2f} MB ({fp['wheel_name']}; native module "
            f"{fp['native'] / 1e6:.1f} MB installed)"
            if fp["wheel"]
            else "no wheel found",
            "",
            "",
        ),
        (
            "4. Python import time (`import pancake_api`)",
            f"{fp['import_ms']:.0f} ms best of 7 (median {fp['import_median_ms']:.0f} ms)",
            "",
            "",
        ),
        (
            "4. peak memory iterating 100,000 vs 1,000 customers",
            f"+{mem_delta:.1f} MB peak RSS ({mem_big['rss_mb']:.1f} vs {mem_small['rss_mb']:.1f} "
            f"MB); Python heap peak {mem_big['py_peak_mb']:.2f} vs "
            f"{mem_small['py_peak_mb']:.2f} MB",
            "< 10 MB more",
            verdict(mem_delta < 10),
        ),
        node_rows[4],
        *node_rows[5:],
    ]
    table = ["| benchmark | result | target | |", "| --- | --- | --- | --- |"]
    table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    notes = []
    if sdk_ratio > 1.05:
        notes.append(
            f"Rate-limited sync is {sdk_ratio:.2f}× ideal, over 1.05×: see the "
            "request count (more requests than needed means retries after 429s)."
        )
    if sdk_ratio < 1:
        notes.append(
            "Below 1.0× ideal is expected: the server allows a burst of 5 before its 5/s "
            "pace and the SDK uses 4 of them, so its first 4 requests go at once (the ideal "
            "counts every request at 5/s)."
        )
    if tp_ratio < 2:
        notes.append(
            f"Throughput is {tp_ratio:.2f}× the plain loop, under the 2× target. `iter()` keeps "
            "one page in flight: while Python reads a page, a reused worker thread fetches the "
            "next one and reads it (a JSON value checked against core's shape tables, then JSON "
            "text) without the GIL, so the Python thread only runs `json.loads` and wraps models. "
            "The SDK is then bound by that worker stage: the mock's answer (about 1.8 ms per page "
            "on loopback, measured with a keep-alive `http.client` loop) plus core's reading "
            "(about 1.0 ms per 100 customers; a `perf` profile puts most of it in allocating the "
            "JSON value and hashing its object keys), against about 3.7 ms for the plain loop's "
            "whole page (a new connection, the same answer, one `json.loads`). 2× would need two "
            "or more pages in flight (fetching `page_number` pages concurrently once `total` is "
            "known: a change to core's paginator) and a check that streams over the body and "
            "keeps the server's item text instead of building a JSON value; on this 2-core "
            "machine the mock, the worker and the Python thread also share the same two cores."
        )
    if par["speedup"] < 3.5:
        notes.append(f"Parallel speed-up is {par['speedup']:.2f}×, under 3.5×.")
    notes += node_notes
    return "\n".join(table), notes


def write_docs(r: Dict[str, Any], m: Dict[str, str]) -> str:
    table, notes = render(r, m)
    text = f"""# Benchmarks

`make bench` (never part of `make test`) runs `bench/run.py`: the Python SDK and (through
`bench/node.mjs`, which run.py starts once the npm package is built) the npm package in Node
against what a user would write by hand, each figure a ratio measured in one run against the
same release `pancake-mock` on loopback, so a slow or busy machine slows both sides alike.
`make demo` is the end-to-end export (`bench/demo.py`).

Latest run: {m["date"]} — `{m["uname"]}`, {m["nproc"]} CPUs ({m["cpu"]}), Python {m["python"]},
load average {m["load"]} at the end (a shared machine: absolute times are noisy, the ratios less).

{table}

How each is measured:

1. Rate-limited: the mock at its default 5 requests/second/page (burst 5),
   {r["rate_limited"]["customers"]:,} customers, 100 per request. Ideal = requests needed ÷ 5/s.
   The baseline is the guide's `fetchAllCustomers` (`004`, "JS pagination loop": `fetch` +
   `JSON.parse`, stop at `total`, `setTimeout(300)` between requests) ported to `urllib`; like
   the original it throws on a 429. The SDK paces at 5/s with a burst of 4 (one token of
   headroom below the server's burst, see `RateLimit::with_headroom` in core).
2. Throughput: the mock with `--rate-limit off` and 100,000 customers; the SDK's
   `page.customers.iter()` (rate limiting off, `requests_per_second=None`) against the same
   loop without the sleep; both produce the same 100,000 ids in the same order (checked); best
   of interleaved rounds each.
3. Parallel: `--pages 4`, rate limit on, the first {r["parallel"]["per_page"]:,} customers of each
   page (the mock gives pages after the first a third of `--customers`, so each page gets the
   same work), one `PageClient` per page on its own thread vs one page after another.
4. Footprint: the wheel `make bench` built; `import pancake_api` in a fresh interpreter; peak
   RSS (`VmHWM`) and Python heap peak (`tracemalloc`) of a fresh interpreter iterating the
   first 1,000 and all 100,000 customers without keeping them.

Found by these benchmarks: with the client's burst equal to the server's (5), four pages synced
in parallel drew 429s (63 requests for 60 pages of customers): the first request of a page also
opens the connection and arrives late, so a later one arrives "early" by the server's clock and
each 429 cost the page a whole `Retry-After` second (3.49× instead of 4×). Core now offers
`RateLimit::with_headroom` (same rate, burst one less) and the Python binding uses it;
`python/tests/test_rate_limit_headroom.py` fails without it.

Node: `bench/run.py` runs `node bench/node.mjs` with the same sizes and the same release mock
and reads the JSON line it prints last. The same four, against the npm package's `PageClient`:
the guide's `fetch` + `JSON.parse` loop as written (300 ms sleep) and without the sleep, four
pages with `Promise.all` vs one after another, peak RSS (`VmHWM`) of a fresh Node process
iterating 1,000 and 100,000 customers, the wasm module's raw and gzipped size, the
`npm pack` tarball size and `initSync` time in fresh processes (best of 5). When `npm/dist` is
not built the Node rows say "not measured" and why.
"""
    if notes:
        text += "\nNotes on this run:\n\n" + "\n".join(f"- {n}" for n in notes) + "\n"
    os.makedirs(os.path.join(ROOT, "docs"), exist_ok=True)
    with open(os.path.join(ROOT, "docs", "benchmarks.md"), "w", encoding="utf-8") as f:
        f.write(text)
    readme = os.path.join(ROOT, "README.md")
    with open(readme, encoding="utf-8") as f:
        body = f.read()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in body and end in body:
        head, rest = body.split(start, 1)
        _, tail = rest.split(end, 1)
        with open(readme, "w", encoding="utf-8") as f:
            f.write(
                f"{head}{start}\n{table}\n\n_{m['date']}, {m['nproc']} CPUs ({m['cpu']}); "
                f"details in [docs/benchmarks.md](docs/benchmarks.md)._\n{end}{tail}"
            )
    return table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sync-customers", type=int, default=5000)
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--per-page", type=int, default=2000)
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs alone")
    ap.add_argument("--no-node", action="store_true", help="skip bench/node.mjs")
    args = ap.parse_args()

    r: Dict[str, Any] = {}
    print("1. rate-limited sync ...", flush=True)
    r["rate_limited"] = rl = bench_rate_limited(args.sync_customers)
    print(
        f"   SDK   {rl['sdk_t']:.2f} s ÷ ideal {rl['ideal']:.2f} s = "
        f"{rl['sdk_t'] / rl['ideal']:.3f}×  ({rl['sdk_n']} records, {rl['sdk_reqs']} requests, "
        f"429s surfaced {rl['sdk_429']})"
    )
    print(
        f"   plain {rl['plain_t']:.2f} s ÷ ideal {rl['ideal']:.2f} s = "
        f"{rl['plain_t'] / rl['ideal']:.3f}×  ({rl['plain_n']} records, {rl['plain_reqs']} "
        f"requests, 429s surfaced {rl['plain_429']})"
    )
    print("2. unthrottled throughput ...", flush=True)
    r["throughput"] = tp = bench_throughput(args.customers, args.rounds)
    print(
        f"   SDK {tp['sdk_rps']:,.0f} records/s ÷ plain {tp['plain_rps']:,.0f} records/s = "
        f"{tp['sdk_rps'] / tp['plain_rps']:.2f}×  (same records: {tp['same']})"
    )
    for k, v in tp["mem"].items():
        print(
            f"   memory iterating {k:,}: peak RSS {v['rss_mb']:.1f} MB, "
            f"Python heap peak {v['py_peak_mb']:.2f} MB"
        )
    print("3. pages in parallel ...", flush=True)
    r["parallel"] = par = bench_parallel(4, args.per_page)
    print(
        f"   serial {par['serial']:.2f} s ÷ parallel {par['parallel']:.2f} s = "
        f"{par['speedup']:.2f}×  (same records: {par['same']}; requests serial "
        f"{par['serial_reqs']}, parallel {par['parallel_reqs']}, needed {par['needed']}, "
        f"repeated {par['serial_retries']} and {par['parallel_retries']})"
    )
    print("4. footprint ...", flush=True)
    r["footprint"] = fp = footprint()
    print(f"   wheel {fp['wheel']} bytes, import {fp['import_ms']:.0f} ms")
    if args.no_node:
        r["node"] = {"skipped": "--no-node"}
    else:
        print("node: bench/node.mjs (npm package, same release mock) ...", flush=True)
        r["node"] = bench_node(args)
        if "skipped" in r["node"]:
            print(f"   node benchmarks skipped: {r['node']['skipped']}")
    m = machine()
    if args.no_write:
        table, notes = render(r, m)
    else:
        table = write_docs(r, m)
        print("\nwrote docs/benchmarks.md")
    print()
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
