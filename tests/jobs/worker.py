"""Run queued background jobs inside the test process, as `yingdu worker` does, on the
configured queue: django-tasks-db's worker loop, or an RQ worker (SimpleWorker: no fork,
so the job sees the test's database transaction)."""

from django.conf import settings


def run_queued() -> None:
    if settings.JOB_QUEUE == "redis":
        run_rq()
    else:
        run_database()


def run_database() -> None:
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )  # fmt: skip
    for task_result in DBTaskResult.objects.ready():
        task_result.claim("test-worker")
        worker.run_task(task_result)


def run_rq() -> None:
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    queue = django_rq.get_queue("default", job_class=Job)
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
