"""Load test of a realistic day (issue 20), run by bench/load_day.sh against an Odoo
started in workers mode on 127.0.0.1 (never another host): plain threads and
``requests``, one session per person. Everyone logs in at once first (timed apart); then
the day, the measured part, runs for LOAD_DURATION seconds:

- facilitators open their board (web_read_group + web_search_read of the cases kanban),
  open a case, then record a meeting or answer questions of the case's diagnostic;
- analysts open the case analysis pivot and generate the program report (XLSX), and
  download it;
- the IMF uploads its monthly report (portal form, CSV) once, then looks at it.

Prints requests/s, p50/p95 latency and errors per action and overall; which requests
the server ran on a read-only cursor (its log: "ro", "rw", "ro->rw" when a read-only
request wrote and was retried on the primary) and the transactions and active queries
seen on each cluster (pg_stat_database deltas, pg_stat_activity sampled every 0.02 s).
"""

import argparse
import json
import os
import random
import re
import sys
import threading
import time
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from urllib.parse import urlparse

import psycopg2
import requests
from lxml import etree

LOCAL = {"127.0.0.1", "localhost", "::1"}


class Clock:
    """Everyone logs in first (the morning: logins hash passwords, each worker's first
    get_views builds the views); the day, the measured part, starts once all are in."""

    def __init__(self):
        self.go = threading.Event()
        self.deadline = float("inf")
        self.lock = threading.Lock()
        self.arrived = 0

    def arrive(self, wait=True):
        with self.lock:
            self.arrived += 1
        if wait:
            self.go.wait()


class Recorder:
    def __init__(self, clock):
        self.clock = clock
        self.lock = threading.Lock()
        self.rows = []  # (action, latency, ok, phase)
        self.errors = Counter()

    def add(self, action, latency, ok, error=None):
        phase = "day" if self.clock.go.is_set() else "start"
        with self.lock:
            self.rows.append((action, latency, ok, phase))
            if not ok:
                self.errors[f"{action}: {str(error)[:160]}"] += 1


class Client:
    """One person's browser: a session cookie and the JSON-RPC calls the web client makes."""

    def __init__(self, base, db, login, recorder, clock):
        self.base, self.db, self.login = base, db, login
        self.rec, self.clock = recorder, clock
        self.http = requests.Session()
        self.context = {}
        self.uid = None
        self.arrived = False

    def ready(self):
        """Logged in: wait for the others, then the day starts."""
        self.arrived = True
        self.clock.arrive()

    def _timed(self, action, func):
        t0 = time.perf_counter()
        try:
            result = func()
        except Exception as exc:  # every failure is counted, the run goes on
            self.rec.add(action, time.perf_counter() - t0, False, exc)
            raise
        self.rec.add(action, time.perf_counter() - t0, True)
        return result

    def rpc(self, action, path, params):
        def call():
            resp = self.http.post(
                self.base + path,
                json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1},
                timeout=600,
            )
            if resp.status_code != 200:  # any HTTP status but 200 is an error
                raise RuntimeError(f"HTTP {resp.status_code} on {path}")
            body = resp.json()
            if body.get("error"):
                data = body["error"].get("data") or {}
                raise RuntimeError(data.get("message") or body["error"].get("message"))
            return body["result"]

        return self._timed(action, call)

    def call(self, action, model, method, args, kwargs=None, button=False):
        kwargs = dict(kwargs or {})
        kwargs["context"] = {**self.context, **kwargs.get("context", {})}
        route = "call_button" if button else "call_kw"
        return self.rpc(
            action,
            f"/web/dataset/{route}/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def get(self, action, path, expect=None, **kw):
        def call():
            # No redirect followed: a redirect (e.g. to /web/login) is an error, not a page.
            resp = self.http.get(self.base + path, timeout=600, allow_redirects=False, **kw)
            if resp.status_code != 200:
                raise RuntimeError(f"HTTP {resp.status_code} on {path}")
            if expect and not resp.content.startswith(expect):
                raise RuntimeError(f"not the expected file on {path}: {resp.content[:60]!r}")
            return resp

        return self._timed(action, call)

    def authenticate(self):
        info = self.rpc(
            "login",
            "/web/session/authenticate",
            {"db": self.db, "login": self.login, "password": self.login},
        )
        self.context = info.get("user_context") or {}
        self.uid = info["uid"]
        return info

    def think(self, low, high):
        time.sleep(min(random.uniform(low, high), max(0.0, self.clock.deadline - time.time())))

    def alive(self):
        return time.time() < self.clock.deadline


def spec_of(arch, fields):
    """The specification the web client reads for a view: the view's fields, relational
    ones with their display name."""
    spec = {}
    root = etree.fromstring(arch)
    for node in root.iter("field"):
        name = node.get("name")
        if name not in fields or any(p.tag == "field" for p in node.iterancestors()):
            continue
        relational = fields[name].get("relation")
        spec[name] = {"fields": {"display_name": {}}} if relational else {}
    return spec


def facilitator(client, spec):
    client.authenticate()
    team = spec["team_id"]
    views = client.call(
        "get_views",
        "crm.lead",
        "get_views",
        [],
        {"views": [[spec["kanban_view_id"], "kanban"], [False, "form"], [False, "search"]]},
    )
    fields = views["models"]["crm.lead"]["fields"]
    kanban = spec_of(views["views"]["kanban"]["arch"], fields)
    form = spec_of(views["views"]["form"]["arch"], fields)
    domain = [["type", "=", "opportunity"], ["team_id", "=", team], ["user_id", "=", client.uid]]
    board_ctx = {"default_type": "opportunity", "default_team_id": team}
    client.ready()
    while client.alive():
        groups = client.call(
            "board: web_read_group",
            "crm.lead",
            "web_read_group",
            [domain, ["stage_id"], ["stage_id"]],
            {"lazy": True, "context": board_ctx},
        )
        ids = []
        for group in groups["groups"]:
            if group.get("stage_id_count"):
                page = client.call(
                    "board: web_search_read",
                    "crm.lead",
                    "web_search_read",
                    [group["__domain"], kanban],
                    {"limit": 40, "context": board_ctx},
                )
                ids += [r["id"] for r in page["records"]]
        client.think(1, 3)
        if not ids or not client.alive():
            continue
        case = random.choice(ids)
        client.call("case: web_read", "crm.lead", "web_read", [[case], form])
        client.think(1, 3)
        if random.random() < 0.5:
            record_meeting(client, case, spec)
        else:
            answer_diagnostic(client, case)
        client.think(1, 3)


def record_meeting(client, case, spec):
    action = client.call(
        "meeting: open form", "crm.lead", "action_md_record_meeting", [[case]], button=True
    )
    start = datetime.utcnow().replace(microsecond=0, second=0) + timedelta(
        days=random.randint(1, 20), hours=random.randint(0, 8)
    )
    client.think(2, 5)  # filling the form
    client.call(
        "meeting: web_save",
        "calendar.event",
        "web_save",
        [
            [],
            {
                "start": f"{start:%Y-%m-%d %H:%M:%S}",
                "stop": f"{start + timedelta(hours=1):%Y-%m-%d %H:%M:%S}",
            },
        ],
        {"specification": {"display_name": {}}, "context": action.get("context") or {}},
    )


def answer_diagnostic(client, case):
    action = client.call(
        "diagnostic: open", "crm.lead", "action_md_diagnostic", [[case]], button=True
    )
    diagnostic = action["res_id"]
    read = client.call(
        "diagnostic: web_read",
        "md.diagnostic",
        "web_read",
        [
            [diagnostic],
            {
                "state": {},
                "response_ids": {"fields": {"question_id": {}, "answer_id": {}}},
            },
        ],
    )[0]
    if read["state"] != "draft":
        return
    todo = [r for r in read["response_ids"] if not r["answer_id"]][:5]
    if not todo:
        client.call(
            "diagnostic: generate", "md.diagnostic", "action_generate", [[diagnostic]], button=True
        )
        return
    options = client.call(
        "diagnostic: answer options",
        "md.question.answer",
        "web_search_read",
        [[["question_id", "in", [r["question_id"] for r in todo]]], {"question_id": {}}],
    )["records"]
    by_question = defaultdict(list)
    for option in options:
        by_question[option["question_id"]].append(option["id"])
    client.think(3, 8)  # answering with the owner
    commands = [
        [1, r["id"], {"answer_id": random.choice(by_question[r["question_id"]])}]
        for r in todo
        if by_question[r["question_id"]]
    ]
    client.call(
        "diagnostic: web_save",
        "md.diagnostic",
        "web_save",
        [[diagnostic], {"response_ids": commands}],
        {"specification": {"state": {}}},
    )


def analyst(client, spec):
    client.authenticate()
    cycle = spec["cycle_id"]
    client.ready()
    while client.alive():
        client.call(
            "analysis: pivot",
            "md.case.analysis",
            "read_group",
            [
                [["cycle_id", "=", cycle]],
                ["case_count:sum", "activities_done:sum"],
                ["city_id", "stage_id"],
            ],
            {"lazy": False},
        )
        client.think(2, 5)
        if not client.alive():
            break
        wizard = client.call(
            "program report: web_save",
            "md.program.report.wizard",
            "web_save",
            [[], {"cycle_id": cycle}],
            {"specification": {"display_name": {}}},
        )[0]["id"]
        client.get(
            "program report: download XLSX",
            f"/report/xlsx/md_micronegocios.program_report_xlsx/{wizard}",
            expect=b"PK",  # an XLSX is a zip file
        )
        client.think(5, 10)


def imf(client, spec):
    client.authenticate()
    page = client.get("imf: reports page", "/my/pronafim/reports")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    client.ready()
    client.think(1, 2)

    def upload():
        with open(spec["imf_report"], "rb") as f:
            resp = client.http.post(
                client.base + "/my/pronafim/reports",
                data={"csrf_token": token, "month": spec["imf_month"]},
                files={"file": ("reporte.csv", f, "text/csv")},
                allow_redirects=False,
                timeout=600,
            )
        if resp.status_code not in (302, 303):
            error = re.search(r"alert-danger[^>]*>\s*([^<]+)", resp.text)
            raise RuntimeError(error.group(1).strip() if error else f"HTTP {resp.status_code}")
        return resp.headers["Location"]

    location = client._timed(f"imf: upload {spec['imf_rows']:,}-row report", upload)
    path = urlparse(location).path
    while client.alive():
        client.think(5, 10)
        client.get("imf: report page", path)


def person(role, client, spec, stagger):
    time.sleep(stagger)
    try:
        role(client, spec)
    except Exception:  # counted by the Recorder; this person stops
        pass
    finally:
        if not client.arrived:  # failed before logging in: the others need not wait
            client.clock.arrive(wait=False)


# ---- what ran where ----
LOG_LINE = re.compile(
    r'"(GET|POST) (\S+) HTTP/[\d.]+" (\d{3}) - (\d+) ([\d.]+) ([\d.]+)(?: (ro->rw|ro|rw|-))?'
)


def route_label(path):
    path = path.split("?")[0]
    m = re.match(r"/web/dataset/call_(?:kw|button)/([^/]+)/([^/]+)", path)
    if m:
        return f"{m.group(1)}.{m.group(2)}"
    return re.sub(r"/\d+", "/<id>", path)


def server_log_modes(log_path, offset):
    per_route = defaultdict(Counter)
    queries = Counter()
    with open(log_path, encoding="utf-8", errors="replace") as f:
        f.seek(offset)
        for line in f:
            m = LOG_LINE.search(line)
            if not m:
                continue
            mode = m.group(7) or "rw (no replica)"
            per_route[route_label(m.group(2))][mode] += 1
            queries[mode] += int(m.group(4))
    return per_route, queries


STAT_SQL = """SELECT xact_commit + xact_rollback, tup_returned + tup_fetched,
                     tup_inserted + tup_updated + tup_deleted
                FROM pg_stat_database WHERE datname = %s"""


def pg_stats(conn, db):
    with conn.cursor() as cr:
        cr.execute("SELECT pg_stat_clear_snapshot()")
        cr.execute(STAT_SQL, [db])
        return cr.fetchone()


def shape(query):
    q = " ".join(query.split())
    verb = q.split(" ", 1)[0].upper() if q else "?"
    table = re.search(r'\b(?:FROM|INTO|UPDATE)\s+"?([a-z_0-9]+)"?', q, re.I)
    return f"{verb} {table.group(1) if table else ''}".strip()


class Sampler(threading.Thread):
    def __init__(self, conns, db):
        super().__init__(daemon=True)
        self.conns, self.db = conns, db
        self.samples = {name: Counter() for name in conns}
        self.stop = threading.Event()

    def run(self):
        while not self.stop.wait(0.02):
            for name, conn in self.conns.items():
                with conn.cursor() as cr:
                    cr.execute(
                        "SELECT query FROM pg_stat_activity WHERE datname = %s "
                        "AND state = 'active' AND pid <> pg_backend_pid()",
                        [self.db],
                    )
                    for (query,) in cr.fetchall():
                        self.samples[name][shape(query)] += 1


class Statements:
    """pg_stat_statements of the load day's database on one cluster (the replica preloads it,
    scripts/replica.sh): reset when the day starts, read when it ends. None where the
    cluster does not have it (the primary is not restarted for it)."""

    def __init__(self, port, db):
        self.conn = None
        try:
            conn = psycopg2.connect(
                host="127.0.0.1", port=port, dbname=db, user="odoo", password="odoo"
            )
            conn.autocommit = True
            with conn.cursor() as cr:
                cr.execute("SELECT pg_stat_statements_reset()")
            self.conn = conn
        except psycopg2.Error:
            pass

    def read(self):
        if not self.conn:
            return None
        with self.conn.cursor() as cr:
            cr.execute(
                """SELECT query, calls, total_exec_time FROM pg_stat_statements
                    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                      AND query NOT ILIKE '%%pg_stat_statements%%'"""
            )
            rows = cr.fetchall()
        by_shape = defaultdict(lambda: [0, 0.0])
        for query, calls, ms in rows:
            by_shape[shape(query)][0] += calls
            by_shape[shape(query)][1] += ms
        return {
            "statements": sum(calls for _q, calls, _ms in rows),
            "by_shape": dict(sorted(by_shape.items(), key=lambda kv: -kv[1][0])),
        }


def pct(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--spec", required=True)
    parser.add_argument("--server-log", required=True)
    parser.add_argument("--pg-port", type=int, required=True)
    parser.add_argument("--replica-port", type=int, default=0)
    parser.add_argument("--facilitators", type=int, default=20)
    parser.add_argument("--analysts", type=int, default=2)
    parser.add_argument("--imf", type=int, default=1)
    parser.add_argument("--duration", type=float, default=120)
    parser.add_argument("--label", default="")
    parser.add_argument("--json", help="append the figures to this JSON lines file")
    args = parser.parse_args()
    if urlparse(args.url).hostname not in LOCAL:
        sys.exit("load_day.py only runs against a local server (127.0.0.1)")
    with open(args.spec, encoding="utf-8") as f:
        spec = json.load(f)
    db = spec["db"]
    random.seed(5)

    conns = {
        "primary": psycopg2.connect(
            host="127.0.0.1", port=args.pg_port, dbname="postgres", user="odoo", password="odoo"
        )
    }
    if args.replica_port:
        conns["replica"] = psycopg2.connect(
            host="127.0.0.1",
            port=args.replica_port,
            dbname="postgres",
            user="odoo",
            password="odoo",
        )
    for conn in conns.values():
        conn.autocommit = True
    clock = Clock()
    recorder = Recorder(clock)
    people = []
    for login in spec["facilitators"][: args.facilitators]:
        people.append((facilitator, login))
    for login in spec["analysts"][: args.analysts]:
        people.append((analyst, login))
    if args.imf:
        people.append((imf, spec["imf"]))
    threads = []
    t_login = time.time()
    for n, (role, login) in enumerate(people):
        client = Client(args.url, db, login, recorder, clock)
        thread = threading.Thread(target=person, args=(role, client, spec, n * 0.2), daemon=True)
        thread.start()
        threads.append(thread)
    while clock.arrived < len(people) and time.time() < t_login + 900:
        time.sleep(0.1)
    login_elapsed = time.time() - t_login
    # The day starts: what runs where is counted from here.
    before = {name: pg_stats(conn, db) for name, conn in conns.items()}
    log_offset = 0
    try:
        with open(args.server_log, "rb") as f:
            log_offset = f.seek(0, 2)
    except FileNotFoundError:
        pass
    statements = {}
    if args.replica_port:
        statements["replica"] = Statements(args.replica_port, db)
    sampler = Sampler(conns, db)
    sampler.start()
    load_before = os.getloadavg()  # the machine is shared: its load goes with the figures
    t0 = time.time()
    clock.deadline = t0 + args.duration
    clock.go.set()
    for thread in threads:
        thread.join(timeout=max(0, clock.deadline - time.time()) + 600)
    elapsed = time.time() - t0
    sampler.stop.set()
    sampler.join()
    after = {name: pg_stats(conn, db) for name, conn in conns.items()}
    ran = {name: st.read() for name, st in statements.items()}
    load_after = os.getloadavg()
    time.sleep(1.5)  # the server writes its request lines after answering
    per_route, queries = server_log_modes(args.server_log, log_offset)

    def table(rows):
        by_action = defaultdict(list)
        for action, latency, ok, _phase in rows:
            by_action[action].append((latency, ok))
        for action in sorted(by_action):
            lat = [latency for latency, _ok in by_action[action]]
            err = sum(1 for _lat, ok in by_action[action] if not ok)
            print(
                f"{action:44} {len(lat):6} {err:4} {pct(lat, 50) * 1000:8.0f} "
                f"{pct(lat, 95) * 1000:8.0f} {max(lat) * 1000:8.0f}"
            )
        return by_action

    header = f"{'action':44} {'n':>6} {'err':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
    title = args.label or ("replica on" if args.replica_port else "replica off")
    start_rows = [r for r in recorder.rows if r[3] == "start"]
    rows = [r for r in recorder.rows if r[3] == "day"]
    latencies = [r[1] for r in rows]
    errors = sum(1 for r in recorder.rows if not r[2])
    print(
        f"\n=== load day ({title}): {args.facilitators} facilitators, {args.analysts} analysts,"
        f" {args.imf} IMF upload ==="
    )
    print(f"-- logging in, everyone at once ({login_elapsed:.0f} s, not in the figures below)")
    print(header)
    table(start_rows)
    print(
        f"-- the day, {elapsed:.0f} s (load average 1/5/15 min: at its start "
        + "/".join(f"{x:.2f}" for x in load_before)
        + ", at its end "
        + "/".join(f"{x:.2f}" for x in load_after)
        + ")"
    )
    print(header)
    by_action = table(rows)
    print(
        f"{'ALL':44} {len(rows):6} {sum(1 for r in rows if not r[2]):4} "
        f"{pct(latencies, 50) * 1000:8.0f} {pct(latencies, 95) * 1000:8.0f} "
        f"{max(latencies or [0]) * 1000:8.0f}"
    )
    print(f"requests/s: {len(rows) / elapsed:.1f}   errors (logins included): {errors}")
    for error, count in recorder.errors.most_common(8):
        print(f"  error x{count}: {error}")

    print(
        "\ncursor of each request (server log: ro = read-only cursor, on the replica when"
        " there is one; ro->rw = read-only request that wrote, retried on the primary):"
    )
    modes = Counter()
    for route in sorted(per_route, key=lambda r: -sum(per_route[r].values())):
        modes.update(per_route[route])
        print(f"  {route:56} " + ", ".join(f"{m} {n}" for m, n in per_route[route].most_common()))
    total = sum(modes.values()) or 1
    print(
        "  requests: "
        + ", ".join(f"{m} {n} ({100 * n / total:.0f} %)" for m, n in modes.most_common())
    )
    print("  SQL queries: " + ", ".join(f"{m} {n}" for m, n in queries.most_common()))

    print(
        f"\ndatabase {db}, each cluster (pg_stat_database deltas; "
        "active queries sampled every 0.02 s):"
    )
    stats = {}
    for name in conns:
        xacts, read, written = (a - b for a, b in zip(after[name], before[name], strict=True))
        stats[name] = {
            "transactions": xacts,
            "rows_read": read,
            "rows_written": written,
            "samples": dict(sampler.samples[name].most_common(12)),
        }
        print(
            f"  {name:8} transactions {xacts:8,}  rows read {read:12,}  rows written {written:10,}"
        )
        for query, n in sampler.samples[name].most_common(6):
            print(f"           {n:5} x active: {query}")
        if ran.get(name):
            stats[name]["statements"] = ran[name]["statements"]
            stats[name]["statements_by_shape"] = {
                k: v[0] for k, v in list(ran[name]["by_shape"].items())[:20]
            }
            print(
                f"           pg_stat_statements: {ran[name]['statements']:,} statements ran here"
            )
            for query, (calls, ms) in list(ran[name]["by_shape"].items())[:12]:
                print(f"           {calls:7,} x {query}  ({ms:,.0f} ms)")
    if args.json:
        with open(args.json, "a", encoding="utf-8") as f:
            f.write(
                json.dumps(
                    {
                        "label": title,
                        "facilitators": args.facilitators,
                        "analysts": args.analysts,
                        "imf": args.imf,
                        "seconds": round(elapsed, 1),
                        "requests": len(rows),
                        "requests_per_s": round(len(rows) / elapsed, 2),
                        "errors": errors,
                        "p50_ms": round(pct(latencies, 50) * 1000),
                        "p95_ms": round(pct(latencies, 95) * 1000),
                        "login_seconds": round(login_elapsed, 1),
                        "loadavg_start": [round(x, 2) for x in load_before],
                        "loadavg_end": [round(x, 2) for x in load_after],
                        "cursor_modes": dict(modes),
                        "queries_by_mode": dict(queries),
                        "clusters": stats,
                        "actions": {
                            a: {
                                "n": len(v),
                                "p50_ms": round(pct([x for x, _ in v], 50) * 1000),
                                "p95_ms": round(pct([x for x, _ in v], 95) * 1000),
                            }
                            for a, v in by_action.items()
                        },
                    }
                )
                + "\n"
            )
    if errors:
        print(f"\n*** LOAD DAY FAILED ({title}): {errors} request(s) failed ***", file=sys.stderr)
        return 1
    if not rows:
        print(f"\n*** LOAD DAY FAILED ({title}): no request in the day ***", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
