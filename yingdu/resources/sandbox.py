"""Text and previews of uploaded documents, worked out in a child process with hard limits.

A crafted docx, pptx or pdf can make a parser take gigabytes of memory or minutes of CPU
(a "document bomb"), so uploads are never parsed in the web process. `analyse_file` runs
`python -m yingdu.resources.sandbox` on the file; the child limits its own address space
(RLIMIT_AS) and CPU time (RLIMIT_CPU) before importing any parser, the parent kills it
after a wall-clock timeout, and the text and preview come back through files in a
temporary folder. The outcome says whether the file was read (`OK`), stopped by a limit
(`LIMIT`) or could not be read (`UNREADABLE`); in the last two cases the file is kept
without text or preview. Plain Python (no Django): the background job of an upload
(yingdu/resources/jobs.py) calls it.
"""

import logging
import math
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import extract, filecheck

log = logging.getLogger(__name__)

OK, LIMIT, UNREADABLE = "ok", "limit", "unreadable"
EXIT_LIMIT, EXIT_UNREADABLE = 3, 4
STOPPED_BY_LIMIT = {-signal.SIGKILL, -signal.SIGXCPU, -signal.SIGXFSZ, -signal.SIGSEGV,
                    -signal.SIGABRT, -signal.SIGBUS}  # fmt: skip
TEXT_FILE, PREVIEW_FILE = "text.txt", "preview.png"
# The child sees no secrets (SECRET_KEY, DATABASE_URL, storage keys): only these variables.
CHILD_ENVIRONMENT = ("PATH", "PYTHONPATH", "LANG", "LC_ALL", "TMPDIR")
OUTPUT_MAX = 64 * 1024 * 1024  # RLIMIT_FSIZE: text is at most MAX_TEXT, a preview a few MB
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    memory: int = 512 * MB  # address space of the child
    seconds: float = 15.0  # wall clock, and CPU time, for one call
    xml_part: int = 20 * MB  # an Office file with a larger XML part is not parsed at all


@dataclass(frozen=True)
class Analysis:
    outcome: str
    text: str = ""
    preview: bytes | None = None


def needs_sandbox(kind: str) -> bool:
    return kind in extract.EXTRACTORS


def analyse_file(source, kind: str, limits: Limits = Limits(), workdir=None) -> Analysis:
    """Text (and for a pdf the first-page preview) of a checked file: a path or a file
    object, which is copied to a temporary file for the child. The child's temporary
    folder is made in WORKDIR (default: the system's), which a caller killed half-way can
    empty when it starts again."""
    if not needs_sandbox(kind):
        return Analysis(OK)
    if limits.seconds <= 0 or limits.memory <= 0:
        return Analysis(LIMIT)
    with tempfile.TemporaryDirectory(prefix="yingdu-extract-", dir=workdir) as folder:
        out = Path(folder)
        path = source if isinstance(source, str | Path) else copy_to(source, out / f"in.{kind}")
        if kind in filecheck.OOXML_FOLDERS:
            part = filecheck.oversized_xml_part(path, limits.xml_part)
            if part:
                log.warning("not parsing a %s upload: its part %s is too large", kind, part)
                return Analysis(LIMIT)
        outcome = run_child(path, kind, out, limits)
        if outcome != OK:
            return Analysis(outcome)
        text = (out / TEXT_FILE).read_text(encoding="utf-8")
        preview_path = out / PREVIEW_FILE
        preview = preview_path.read_bytes() if preview_path.exists() else None
        return Analysis(OK, text, preview)


def copy_to(fileobj, path: Path) -> Path:
    fileobj.seek(0)
    with open(path, "wb") as copy:
        shutil.copyfileobj(fileobj, copy, filecheck.CHUNK)
    fileobj.seek(0)
    return path


def run_child(path, kind: str, out: Path, limits: Limits) -> str:
    cpu = max(1, math.ceil(limits.seconds))
    argv = [sys.executable, "-m", __name__, kind, str(path), str(out), str(limits.memory),
            str(cpu), str(os.getpid())]  # fmt: skip
    try:
        done = subprocess.run(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            timeout=limits.seconds, close_fds=True, env=child_environment(),
        )  # fmt: skip
    except subprocess.TimeoutExpired:  # run() has killed the child
        log.warning("reading a %s upload took more than %s s; stopped", kind, limits.seconds)
        return LIMIT
    if done.returncode == 0:
        return OK
    detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
    if done.returncode == EXIT_LIMIT or done.returncode in STOPPED_BY_LIMIT:
        log.warning("reading a %s upload hit a limit (exit %s)", kind, done.returncode)
        return LIMIT
    log.warning("could not read a %s upload (exit %s): %s", kind, done.returncode, detail)
    return UNREADABLE


def child_environment() -> dict:
    return {name: os.environ[name] for name in CHILD_ENVIRONMENT if name in os.environ}


# The child: limits first, parsers after.


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this child when PARENT, the process that started it, dies (a worker
    killed with SIGKILL half-way through a job), instead of reading on until its CPU limit;
    a parent already gone before the request was made ends the child here."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the CPU limit still ends the child
        return
    if os.getppid() != parent:
        os._exit(EXIT_LIMIT)


def apply_limits(memory: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_MAX, OUTPUT_MAX))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))  # no new processes or threads


def near_memory_limit(memory: int) -> bool:
    """Whether this process's address space came within 10 % of its limit."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmPeak:"):
                return int(line.split()[1]) * 1024 > memory * 0.9
    return False


def child(kind: str, source: str, out: Path) -> None:
    text = extract.read_text(source, kind)
    (out / TEXT_FILE).write_text(text, encoding="utf-8")
    if kind == "pdf":
        preview = extract.pdf_preview(source)  # text is kept if only the drawing fails
        if preview:
            (out / PREVIEW_FILE).write_bytes(preview)


def main(argv: list[str]) -> int:
    kind, source, out, memory, cpu, parent = argv
    die_with_parent(int(parent))
    apply_limits(int(memory), int(cpu))
    try:
        child(kind, source, Path(out))
    except MemoryError:
        return EXIT_LIMIT
    except Exception:  # a parser's failure: the file is kept without text
        if near_memory_limit(int(memory)):  # lxml reports a failed malloc as a syntax error
            return EXIT_LIMIT
        logging.basicConfig()
        log.warning("cannot read this %s", kind, exc_info=True)
        return EXIT_UNREADABLE
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
