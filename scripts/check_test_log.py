#!/usr/bin/env python3
"""Judge an Odoo test run from its log, because ``odoo-bin`` exits 0 on too much.

It exits 0 only when: the final ``odoo.tests.result`` line is there and says 0 failed and
0 errors of N > 0 tests; every expected addon ran at least one test; no test was skipped
(a browser test without Chromium or websocket-client is skipped silently); no ERROR or
CRITICAL line was logged and no addon's demo data failed; and, with ``--require-tour``, a
browser tour really ran.
It prints what it found and a ``SUMMARY passed=N failed=N problems=N`` line.
"""

import argparse
import re
import sys

LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) "
    r"(?P<logger>[\w.]+): (?P<msg>.*)$"
)
RESULT = re.compile(r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests")
STATS = re.compile(r"^(?P<addon>\w+): (?P<count>\d+) tests ")
SKIPPED = re.compile(r"^skipped (?P<test>\S+) : (?P<reason>.*)$")
TOUR = re.compile(r"^Browser version: ")
# Odoo only warns when an addon's demo data fails, then installs it without demo.
DEMO_FAILED = re.compile(r"demo data failed to install")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("logfile")
    parser.add_argument("--addons", default="", help="comma-separated addons that must run tests")
    parser.add_argument("--require-tour", action="store_true")
    args = parser.parse_args()

    problems = []
    result = None
    stats = {}
    tours = 0
    with open(args.logfile, encoding="utf-8", errors="replace") as log:
        lines = log.read().splitlines()
    for line in lines:
        match = LOG_LINE.match(line)
        if not match:
            continue
        level, logger, msg = match["level"], match["logger"], match["msg"]
        if logger == "odoo.tests.result":
            found = RESULT.search(msg)
            if found:
                result = found
        elif logger == "odoo.tests.stats":
            found = STATS.match(msg)
            if found:
                stats[found["addon"]] = stats.get(found["addon"], 0) + int(found["count"])
        if level in ("ERROR", "CRITICAL") and logger != "odoo.tests.result":
            problems.append(f"{level} logged: {logger}: {msg[:300]}")
        if DEMO_FAILED.search(msg):
            problems.append(f"demo data failed: {logger}: {msg[:300]}")
        if SKIPPED.match(msg):
            problems.append(f"skipped test: {msg[:300]}")
        if TOUR.match(msg):
            tours += 1

    if result is None:
        print("No 'odoo.tests.result' line in the log: the tests did not run to the end.")
        run = failed = 0
        problems.append("no test result")
    else:
        run = int(result["run"])
        failed = int(result["failed"]) + int(result["errors"])
        if run == 0:
            problems.append("0 tests ran")
    for addon in filter(None, args.addons.split(",")):
        if not stats.get(addon):
            problems.append(f"addon {addon} ran no test")
    if args.require_tour and not tours:
        problems.append("no browser tour ran (Chromium not started)")

    for addon, count in sorted(stats.items()):
        print(f"  {addon}: {count} test entries (odoo.tests.stats)")
    print(f"  browser sessions: {tours}")
    for problem in problems:
        print(f"FAIL: {problem}")
    print(f"SUMMARY passed={run - failed} failed={failed} problems={len(problems)}")
    return 1 if problems or failed else 0


if __name__ == "__main__":
    sys.exit(main())
