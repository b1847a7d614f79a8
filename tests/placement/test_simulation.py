"""The placement test places simulated readers of every level (90% of the words up to their
band, a third of the next, few beyond, "yes" to 0–25% of pseudo-words) through the same
service calls as the API: the right band for >= 85%, within one band for >= 98%."""

import random

import pytest

from yingdu.placement import engine, service, simulate

pytestmark = pytest.mark.django_db
PER_LEVEL = 10


def test_simulated_readers_are_placed_in_their_band(site_lexicon, capsys):
    seeds = random.Random(13)

    def start():
        test = service.start(None, "simulation", site_lexicon, seed=seeds.randrange(2**31))
        return test.id, test.state["items"][0]

    def submit(test_id, answer):
        test = service.submit(test_id, None, "simulation", answer, site_lexicon)
        assert len(test.state["answers"]) <= engine.MAX_ITEMS
        if test.done:
            return None, test.result
        return test.state["items"][len(test.state["answers"])], None

    pairs = simulate.run(PER_LEVEL, 2026, start, submit)
    table = simulate.format_table(simulate.confusion(pairs))
    exact, near = simulate.scores(pairs)
    with capsys.disabled():
        print(f"\n{table}\nexact {exact:.0%}, within one band {near:.0%}")
    assert exact >= 0.85, table
    assert near >= 0.98, table
