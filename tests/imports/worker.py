"""Run queued background jobs inside the test process (tests/jobs/worker.py)."""

from tests.jobs.worker import run_queued as run_worker

__all__ = ["run_worker"]
