"""`frontdesk worker`: an RQ worker (scheduler on) for summaries, follow-ups and maintenance."""
from __future__ import annotations

import click


@click.command("worker")
@click.option("--burst", is_flag=True, help="Work until the queues are empty, then exit.")
@click.option("--queue", "queues", multiple=True, type=click.Choice(["summaries", "followups", "maintenance"]),
              help="Queues to serve (default: all).")
@click.option("--simple", is_flag=True, help="Run jobs in this process instead of a forked work-horse.")
def worker(burst: bool, queues: tuple[str, ...], simple: bool) -> None:
    """Run a background worker with the RQ scheduler on."""
    from rq import SimpleWorker, Worker
    from rq.serializers import JSONSerializer

    from workers import runtime
    from workers.queues import KINDS, make_queue, schedule_maintenance

    rt = runtime.current()
    qs = [make_queue(rt.redis, kind, rt.namespace) for kind in (queues or KINDS)]
    schedule_maintenance(rt.redis, rt.namespace)
    cls = SimpleWorker if simple else Worker
    w = cls(qs, connection=rt.redis, serializer=JSONSerializer)
    w.work(burst=burst, with_scheduler=True)
