"""Call summaries pushed through RQ to the local HubSpot stand-in: throughput and loss under faults.

Prints summaries delivered per second by one in-process worker (with the direct adapter call, no
queue, as the baseline in the same process), then delivered / lost / duplicated counts when 20% of
CRM writes fail (500s and 429s with Retry-After) and Redis is flushed halfway through.
Run: python -m bench.crm_push [--calls N]
"""
from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import redis
from rq import SimpleWorker
from rq.serializers import JSONSerializer

from app.integrations.crm.hubspot import HubSpotCrm
from app.storage import Database, record_call
from app.storage import outbox
from tests.standins.harness import sample_record
from tests.standins.hubspot import HubSpotStandIn
from workers import runtime
from workers.queues import SUMMARIES, enqueue_summary, make_queue
from workers.reconcile import reconcile
from workers.summary import build_summary


def start_redis() -> tuple[subprocess.Popen, str, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    workdir = tempfile.mkdtemp(prefix="fd-bench-redis-")
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", workdir],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    return proc, f"redis://127.0.0.1:{port}/0", workdir


def work_once(queue, conn) -> None:
    SimpleWorker([queue], connection=conn, serializer=JSONSerializer).work(burst=True, with_scheduler=True, logging_level="ERROR")


def run(calls: int, tmp: Path, redis_url: str) -> None:
    conn = redis.Redis.from_url(redis_url)
    with HubSpotStandIn(token="bench") as hs:
        crm = HubSpotCrm("bench", host=hs.url, timeout=5)
        # baseline: the adapter called directly, no queue, no outbox
        records = [sample_record(f"CABASE{i:05d}") for i in range(calls)]
        t0 = time.perf_counter()
        for rec in records:
            crm.upsert_call_summary(build_summary(rec))
        direct = calls / (time.perf_counter() - t0)

        db = Database(f"sqlite:///{tmp / 'clean.sqlite3'}")
        rt = runtime.install(runtime.WorkerRuntime(db=db, crm=crm, redis=conn, namespace="benchclean", backoff=(0,)))
        queue = make_queue(conn, SUMMARIES, rt.namespace)
        for i in range(calls):
            record_call(db, sample_record(f"CACLEAN{i:05d}"))
            enqueue_summary(queue, f"CACLEAN{i:05d}")
        t0 = time.perf_counter()
        work_once(queue, conn)
        queued = calls / (time.perf_counter() - t0)
        print(f"clean run, {calls} calls, 1 worker:")
        print(f"  direct adapter (baseline): {direct:8.1f} summaries/s")
        print(f"  through RQ + outbox:       {queued:8.1f} summaries/s per worker ({queued / direct:.2f}x baseline)")

        db = Database(f"sqlite:///{tmp / 'faults.sqlite3'}")
        rt = runtime.install(runtime.WorkerRuntime(db=db, crm=crm, redis=conn, namespace="benchfault", backoff=(0,),
                                                   max_attempts=50))
        queue = make_queue(conn, SUMMARIES, rt.namespace)
        sids = [f"CAFAULT{i:05d}" for i in range(calls)]
        for sid in sids:
            record_call(db, sample_record(sid))
            enqueue_summary(queue, sid)
        hs.fault_rate = 0.2
        half = sids[calls // 2:]
        SimpleWorker([queue], connection=conn, serializer=JSONSerializer).work(burst=True, max_jobs=calls // 2, logging_level="ERROR")
        conn.flushdb()  # Redis lost: queued and scheduled jobs are gone
        flushed_at = time.perf_counter()
        deadline = time.monotonic() + 120
        reconciles = 0
        while time.monotonic() < deadline:
            if any(outbox.get_entry(db, s).status == "pending" for s in sids):
                reconcile(db, queue, now=datetime.now(timezone.utc) + timedelta(minutes=10))
                reconciles += 1
                work_once(queue, conn)
                time.sleep(0.5)
            else:
                break
        recovery = time.perf_counter() - flushed_at
        hs.fault_rate = 0.0
        states = Counter(outbox.get_entry(db, s).status for s in sids)
        per_sid = Counter(c["properties"].get("frontdesk_call_sid") for c in hs.calls())
        in_crm = {s for s in sids if per_sid.get(s)}
        delivered = sum(1 for s in sids if outbox.get_entry(db, s).status == "delivered" and s in in_crm)
        lost = sum(1 for s in sids if s not in in_crm)
        duplicated = sum(n - 1 for s, n in per_sid.items() if s in set(sids) and n > 1)
        faults = Counter(st for m, p, st in hs.requests if p.startswith("/crm/v3/objects/calls") and st >= 400
                         and st != 404)
        print(f"faults run, {calls} calls: 20% of CRM writes fail {dict(faults)}, Redis flushed after "
              f"{calls // 2} jobs ({len(half)} summaries only in the outbox)")
        print(f"  delivered={delivered} lost={lost} duplicated={duplicated} "
              f"(outbox: {dict(states)}; reconciler passes: {reconciles}; recovered in {recovery:.1f}s)")
        runtime.reset()


def main() -> None:
    import logging

    logging.getLogger("workers").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    if not shutil.which("redis-server"):
        raise SystemExit("redis-server is not installed (apt-get install redis-server)")
    proc, url, workdir = start_redis()
    tmp = Path(tempfile.mkdtemp(prefix="fd-bench-"))
    try:
        run(args.calls, tmp, url)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
