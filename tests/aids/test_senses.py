"""The popover of every use of a word shows the gloss of its own sentence (issue 11, part 3)."""

import json
import re

import pytest

from yingdu.news.models import NewsArticle, Section

pytestmark = pytest.mark.django_db

BODY = "The city does not permit fishing in the lake. You need a permit to fish here."


def test_later_use_gets_the_sense_of_its_sentence(client, site_lexicon):
    entry = site_lexicon.lookup("permit")
    if len({pos for pos, _ in entry.glosses}) < 2:
        pytest.skip("this lexicon has glosses of one part of speech only for 'permit'")
    noun = entry.gloss_for("n")[1].split("；")[0]
    article = NewsArticle.objects.create(
        section=Section.INTERNATIONAL, title="Lake", body=BODY, status="published"
    )
    article.refresh_from_db()
    bank = {e["lemma"]: e for e in article.reading["bank"]}
    assert bank["permit"]["pos"] == "v"  # the first use is a verb
    assert [pos for pos, _ in bank["permit"]["senses"]] == ["n"]
    html = article.reading["html"]["p0"]
    spans = re.findall(r'<span class="w[^"]*"([^>]*)>permit</span>', html)
    assert len(spans) == 2 and "data-s" not in spans[0] and 'data-s="0"' in spans[1]
    page = client.get(article.get_absolute_url()).content.decode()
    glossary = json.loads(re.search(r'id="glossary">(.*?)</script>', page).group(1))
    permit = next(g for g in glossary if g["l"] == "permit")
    assert permit["s"][0][0] == "n" and noun in permit["s"][0][1]
