"""The probe job (`yingdu jobs probe`): writes a small text file slowly, step by step, so an
operator can see that workers run jobs, and the tests can kill a worker half-way."""

import time

from django.utils.translation import gettext_lazy as _

from .kinds import JobKind


def run_probe(context) -> dict:
    steps = int(context.params.get("steps", 5))
    pause = float(context.params.get("seconds", 1)) / max(1, steps)
    with context.result_file("probe.txt", ".txt") as out:
        for step in range(1, steps + 1):
            out.write(f"step {step} of {steps}\n".encode())
            out.flush()
            context.progress(step - 1, steps, f"step {step}")
            time.sleep(pause)
        out.write(b"complete\n")
    return {"steps": steps}


KIND = JobKind("probe", _("worker check"), run=run_probe)
