"""CRM sync page: permanently failed summaries, and the retry button that re-enqueues on the real RQ queue."""
from __future__ import annotations

from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer
from sqlalchemy import select

from app.integrations.crm.builtin import BuiltinCrm
from app.storage import outbox
from app.storage.models import AuditEntry, CallNote
from app.storage.records import record_call
from tests.integration.staff_support import signed_in, staff, token_of
from tests.standins.harness import drain, sample_record
from workers import runtime
from workers.queues import summary_job_id

__all__ = ["staff"]
SID = "CA" + "f" * 32


def failed_push(svc, sid: str = SID) -> None:
    record_call(svc.db, sample_record(sid))
    outbox.mark_error(svc.db, sid, "HubSpot said 400: property frontdesk_call_type does not exist", permanent=True)


def test_failed_pushes_are_listed_with_their_error(staff) -> None:
    app, svc = staff
    failed_push(svc)
    record_call(svc.db, sample_record("CA" + "1" * 32))  # pending: not a failure
    page = signed_in(app, svc, "operator").get("/staff/crm-sync").get_data(as_text=True)
    assert SID in page and "frontdesk_call_type does not exist" in page and "CA" + "1" * 32 not in page
    assert "failed: 1" in page and "waiting: 1" in page


def test_retry_re_enqueues_through_the_worker_path_and_the_worker_delivers(staff) -> None:
    app, svc = staff
    failed_push(svc)
    client = signed_in(app, svc, "operator")
    answer = client.post(f"/staff/crm-sync/{SID}/retry", data={"csrf_token": token_of(client, "/staff/crm-sync")},
                         follow_redirects=True)
    assert "queued again" in answer.get_data(as_text=True)
    assert outbox.get_entry(svc.db, SID).status == "pending"
    queue = svc.summaries_queue()
    job = Job.fetch(summary_job_id(SID), connection=svc.redis, serializer=JSONSerializer)
    assert job.get_status() == JobStatus.QUEUED and job.func_name == "workers.jobs.push_call_summary"
    assert list(job.args) == [SID]
    with svc.db.session() as s:
        actions = set(s.scalars(select(AuditEntry.action).where(AuditEntry.subject == SID)))
    assert {"outbox_retry", "crm_retry_requested"} <= actions
    runtime.install(runtime.WorkerRuntime(db=svc.db, crm=BuiltinCrm(svc.db), redis=svc.redis,
                                          namespace=svc.settings.redis_namespace, backoff=(0,)))
    try:
        assert drain([queue], svc.redis, lambda: outbox.get_entry(svc.db, SID).status == "delivered", timeout=30)
    finally:
        runtime.reset()
    with svc.db.session() as s:
        assert s.scalar(select(CallNote.call_sid).where(CallNote.call_sid == SID)) == SID


def test_retry_of_something_not_failed_queues_nothing(staff) -> None:
    app, svc = staff
    record_call(svc.db, sample_record(SID))
    outbox.mark_delivered(svc.db, SID, "remote-1")
    client = signed_in(app, svc, "operator")
    answer = client.post(f"/staff/crm-sync/{SID}/retry", data={"csrf_token": token_of(client)}, follow_redirects=True)
    assert "no failed summary to retry" in answer.get_data(as_text=True)
    assert len(svc.summaries_queue()) == 0 and outbox.get_entry(svc.db, SID).status == "delivered"
    unknown = client.post("/staff/crm-sync/CA%20%3Cx%3E/retry", data={"csrf_token": token_of(client)})
    assert unknown.status_code == 302


def test_a_failed_voicemail_task_is_listed_and_retried_as_one(staff) -> None:
    from app.storage.models import Task
    from app.storage.voicemail import VOICEMAIL, keep_voicemail
    from workers.queues import voicemail_job_id

    app, svc = staff
    keep_voicemail(svc.db, SID, {"recording_url": "https://api.twilio.com/Recordings/RE1", "seconds": "12",
                                 "status": "completed", "caller": "+12125550123"})
    outbox.mark_error(svc.db, SID, "HubSpot said 403: missing scope crm.objects.tasks", permanent=True, kind=VOICEMAIL)
    client = signed_in(app, svc, "operator")
    page = client.get("/staff/crm-sync").get_data(as_text=True)
    assert "voicemail callback task" in page and "missing scope" in page
    answer = client.post(f"/staff/crm-sync/{SID}/retry", data={"csrf_token": token_of(client, "/staff/crm-sync"),
                                                                "kind": VOICEMAIL}, follow_redirects=True)
    assert "voicemail callback task of" in answer.get_data(as_text=True)
    job = Job.fetch(voicemail_job_id(SID), connection=svc.redis, serializer=JSONSerializer)
    assert job.func_name == "workers.jobs.push_voicemail_task"
    runtime.install(runtime.WorkerRuntime(db=svc.db, crm=BuiltinCrm(svc.db), redis=svc.redis,
                                          namespace=svc.settings.redis_namespace, backoff=(0,)))
    try:
        assert drain([svc.summaries_queue()], svc.redis,
                     lambda: outbox.get_entry(svc.db, SID, kind=VOICEMAIL).status == "delivered", timeout=30)
    finally:
        runtime.reset()
    with svc.db.session() as s:
        [task] = s.scalars(select(Task).where(Task.key == f"voicemail-{SID}")).all()
    assert "+12125550123" in task.title and "Recordings/RE1" in task.body
