"""The load benchmark's driver: sets the world up through the bank's API, runs the Locust users for
the given time, lets the requests in flight finish, reconciles the writes, prints the report.

    python main.py --base-url URL --public-url URL --operator NAME --clients N --seconds S --out DIR
    (the operator's and the residents' password in AZUKARI_LOAD_PASSWORD)

Exit code: 0; 1 when an acknowledged write was not found stored (or could not be checked);
2 when the set-up failed."""

import locust  # noqa: F401  first: Locust patches the standard library for gevent before requests loads

import argparse
import os
import sys
import time
from dataclasses import dataclass

import gevent
from locust.env import Environment

import bank
import figures
import locustfile
import reconcile
import world

GRACE = 90  # seconds the requests in flight at the deadline get to finish


@dataclass
class Run:
    world: dict
    stats: figures.Stats
    ledger: figures.Ledger
    deadline: float


def split(clients):
    """How many of each: ~45% hospital feeds, portal readers a fifth up to 10, the rest clinic EMRs."""
    readers = min(10, max(1, clients // 5))
    feeds = max(1, round(clients * 0.45))
    clinics = max(1, clients - readers - feeds)
    return feeds, clinics, readers


def log(message):
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--public-url", required=True)
    parser.add_argument("--operator", required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--residents", type=int, default=0, help="default: the clients, at least 4, at most 20")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if args.clients < 3 or args.seconds < 1:
        parser.error("at least 3 clients (one of each kind) and 1 second")
    password = os.environ["AZUKARI_LOAD_PASSWORD"]
    feeds, clinics, readers = split(args.clients)
    residents = args.residents or min(20, max(4, args.clients))
    residents = max(residents, readers)

    ledger = figures.Ledger(os.path.join(args.out, "writes.tsv"))
    log(f"setting up {residents} residents, a hospital feed and a clinic through the operator API")
    try:
        the_world = world.build(args.base_url, args.public_url, args.operator, password, residents, ledger, log)
    except (bank.SetupError, OSError) as e:
        log(f"SET-UP FAILED: {e}")
        return 2

    stats = figures.Stats()
    locustfile.run = Run(the_world, stats, ledger, time.monotonic() + args.seconds)
    locustfile.HospitalFeed.fixed_count = feeds
    locustfile.ClinicSearch.fixed_count = clinics
    locustfile.PortalReader.fixed_count = readers
    env = Environment(user_classes=[locustfile.HospitalFeed, locustfile.ClinicSearch, locustfile.PortalReader],
                      host=args.base_url, catch_exceptions=True)
    runner = env.create_local_runner()
    log(f"{args.clients} clients for {args.seconds} s: {feeds} hospital feeds, {clinics} clinic EMRs, "
        f"{readers} portal readers")
    stats.started = time.monotonic()
    runner.start(feeds + clinics + readers, spawn_rate=max(1.0, args.clients / 2))
    gevent.sleep(args.seconds)
    log("time is up: no new requests; waiting for the ones in flight")
    until = time.monotonic() + GRACE
    while runner.user_count > 0 and time.monotonic() < until:
        gevent.sleep(0.5)
    stats.stop()
    in_flight = runner.user_count
    runner.quit()
    ledger.close()
    if in_flight:
        log(f"{in_flight} clients were still waiting for an answer after {GRACE} s; stopped")
    exceptions = [f"{e['count']} x {e['msg']}" for e in runner.exceptions.values()]

    log("reconciling: each resident downloads what the bank holds")
    lines, intact = reconcile.reconcile(args.base_url, the_world, ledger, log)

    print()
    print(f"== Azukari load: {args.clients} clients ({feeds} hospital feeds, {clinics} clinic EMRs, "
          f"{readers} portal readers), {args.seconds} s, {residents} residents ==")
    for line in stats.report():
        print(line)
    print(f"5xx answers: {stats.server_errors()}")
    print(f"share of requests that were writes: {stats.share('ingest'):.0%}")
    if exceptions:
        print("client exceptions: " + "; ".join(exceptions))
    print()
    print("== reconciliation (every acknowledged write must be stored, by its marker) ==")
    for line in lines:
        print(line)
    print("RESULT: " + ("no acknowledged write lost" if intact else "ACKNOWLEDGED WRITES LOST OR UNCHECKED"))
    return 0 if intact else 1


if __name__ == "__main__":
    sys.exit(main())
