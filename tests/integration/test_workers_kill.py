"""A real `frontdesk worker` process killed mid-job: the summary still reaches the CRM exactly once."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from app.integrations.crm.hubspot import HubSpotCrm
from app.storage import Database, record_call
from app.storage import outbox
from tests.standins.harness import drain, sample_record
from tests.standins.hubspot import HubSpotStandIn
from workers import runtime
from workers.queues import SUMMARIES, enqueue_summary, make_queue
from workers.reconcile import reconcile

ROOT = Path(__file__).resolve().parents[2]


def test_worker_killed_mid_job_delivers_once(tmp_path, redis_url, redis_client) -> None:
    db_url = f"sqlite:///{tmp_path / 'fd.sqlite3'}"
    db = Database(db_url)
    ns = "k" + uuid.uuid4().hex[:8]
    queue = make_queue(redis_client, SUMMARIES, ns)
    with HubSpotStandIn(token="tok") as hubspot:
        hubspot.hold_seconds = 60  # the CRM applies the write, then the response never comes back in time
        record_call(db, sample_record("CAKILL"))
        enqueue_summary(queue, "CAKILL")
        env = {**os.environ, "DATABASE_URL": db_url, "REDIS_URL": redis_url, "FRONTDESK_REDIS_NAMESPACE": ns,
               "FRONTDESK_CRM": "hubspot", "FRONTDESK_HUBSPOT_TOKEN": "tok", "FRONTDESK_HUBSPOT_URL": hubspot.url,
               "FRONTDESK_CRM_TIMEOUT": "120", "FRONTDESK_DATA": str(tmp_path), "OPENAI_API_KEY": "",
               "TWILIO_ACCOUNT_SID": "", "TWILIO_AUTH_TOKEN": ""}
        log = open(tmp_path / "worker.log", "wb")
        proc = subprocess.Popen([sys.executable, "-m", "app.cli", "worker", "--queue", "summaries"], cwd=ROOT,
                                env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=log)
        try:
            deadline = time.monotonic() + 60
            while not hubspot.calls() and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.1)
            assert hubspot.calls(), (tmp_path / "worker.log").read_text()[-2000:]
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            log.close()
        assert outbox.get_entry(db, "CAKILL").status == "pending"
        hubspot.hold_seconds = 0
        later = datetime.now(timezone.utc) + timedelta(minutes=10)  # past the job timeout plus grace
        assert reconcile(db, queue, now=later)["requeued"] == 1
        runtime.install(runtime.WorkerRuntime(db=db, crm=HubSpotCrm("tok", host=hubspot.url, timeout=5),
                                              redis=redis_client, namespace=ns, backoff=(0,)))
        try:
            assert drain([queue], redis_client, lambda: outbox.get_entry(db, "CAKILL").status == "delivered")
        finally:
            runtime.reset()
        assert len(hubspot.calls()) == 1
        # the retry found the call the killed attempt had written and updated it instead of creating a twin
        assert hubspot.count("PATCH", "/crm/v3/objects/calls", 200) == 1
