"""Run queued background jobs inside the test process, as `yingdu worker` does."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_worker() -> None:
    """What the worker does for each queued task: claim it, run it, record the result."""
    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )  # fmt: skip
    for task_result in DBTaskResult.objects.ready():
        task_result.claim("test-worker")
        worker.run_task(task_result)
