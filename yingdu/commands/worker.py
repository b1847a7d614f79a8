"""`yingdu worker`: run background jobs until stopped; `yingdu jobs`: see them, and queue a
probe job that checks a worker runs them."""

import json
import time


def register(subparsers) -> None:
    worker = subparsers.add_parser(
        "worker", help="run background jobs (imports, worksheet files, exports …) until stopped"
    )
    worker.add_argument("--batch", action="store_true", help="run what is queued, then exit")
    worker.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
    worker.add_argument("-v", "--verbosity", type=int, default=1)
    worker.set_defaults(func=cmd_worker, needs_django=True)

    jobs = subparsers.add_parser("jobs", help="list background jobs, or queue a probe job")
    actions = jobs.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="the newest jobs as JSON lines")
    listing.add_argument("--limit", type=int, default=20)
    listing.set_defaults(func=cmd_list, needs_django=True)
    prune = actions.add_parser("prune", help="delete finished jobs and their files")
    prune.add_argument("--days", type=float, default=7, help="finished more than this long ago")
    prune.set_defaults(func=cmd_prune, needs_django=True)
    probe = actions.add_parser("probe", help="queue a job that writes a small file slowly")
    probe.add_argument("--seconds", type=float, default=1.0, help="how long it runs")
    probe.add_argument("--steps", type=int, default=5)
    probe.add_argument("--wait", type=float, default=0, help="wait this long for it to finish")
    probe.set_defaults(func=cmd_probe, needs_django=True)


def cmd_worker(args) -> int:
    """Run the jobs of the configured queue until stopped, or until it is empty (--batch)."""
    from yingdu.jobs import worker

    return worker.run(batch=args.batch, interval=args.interval, verbosity=args.verbosity)


def job_json(job) -> dict:
    return {
        "id": job.pk, "kind": job.kind, "state": job.state, "done": job.done,
        "total": job.total, "attempts": job.attempts, "error": job.error,
        "worker": job.worker,
        "file": job.result_file, "created": job.created_at.isoformat(),
    }  # fmt: skip


def cmd_list(args) -> int:
    from yingdu.jobs.models import Job

    for job in Job.objects.all()[: args.limit]:
        print(json.dumps(job_json(job), ensure_ascii=False))
    return 0


def cmd_prune(args) -> int:
    """Delete jobs that finished (done or failed) more than --days ago, with their files."""
    from yingdu.jobs import service

    print(f"Deleted {service.prune(args.days)} finished jobs and their files.")
    return 0


def cmd_probe(args) -> int:
    """Queue a probe job and print it; with --wait, exit 0 once it is done, 1 if it failed
    or did not finish in time (no worker running?)."""
    from yingdu.jobs import service
    from yingdu.jobs.models import Job

    job = service.start("probe", params={"seconds": args.seconds, "steps": args.steps})
    deadline = time.monotonic() + args.wait
    while args.wait and job.active and time.monotonic() < deadline:
        time.sleep(0.2)
        job = Job.objects.get(pk=job.pk)
    print(json.dumps(job_json(job), ensure_ascii=False))
    return 0 if not args.wait or job.state == Job.State.DONE else 1
