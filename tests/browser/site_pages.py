"""Every page type of the site, for the accessibility audit: one URL per named page of the
URL conf, with the content that fills it and the account that may see it.

Item pages come from the kinds registry (`yingdu.core.kinds`): one published item of every
kind, so a new kind is audited without editing this file. The other pages are the named
URLs of the URL conf; `NOT_PAGES` lists the names that answer with no HTML page (POST
actions, downloads) and `tests/browser/test_accessibility.py` fails when a named URL is
neither audited nor listed there.
"""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse

from yingdu.accounts.roles import EDITOR, STUDENT, TEACHER, grant
from yingdu.core import kinds
from yingdu.demo.loader import load_demo

PASSWORD = "a-long-test-password"
ANYONE, STUDENT_ONLY, TEACHER_ONLY, EDITOR_ONLY = "anyone", STUDENT, TEACHER, EDITOR
OPERATOR_ONLY = "operator"  # a superuser: the site operator's staff pages

# Named URLs that are not pages: the audit cannot open them, and says why.
NOT_PAGES = {
    "accounts:export": "a JSON download of the learner's data",
    "resources:publish": "POST action of the review page (redirects back)",
    "resources:reject": "POST action of the review page (redirects back)",
    "resources:decide_teacher": "POST action of the review page (redirects back)",
    "resources:process_again": "POST action of a resource's page (重新处理, redirects back)",
    "resources:delete": "POST action of a resource's page (删除此上传, redirects)",
    "resources:download": "a file download",
    "placement:notebook": "POST action of the result page (adds the ticked words, redirects)",
    "resources:preview": "a PNG image",
    "jobs:download": "a job's result file",
    "jobs:retry": "POST action of a failed job's page (redirects back)",
    "classes:remove": "POST action of the class page (redirects back)",
    "classes:archive": "POST action of the class page (redirects)",
    "classes:assign": "POST action of the class page (redirects back)",
    "classes:export": "a CSV download",
    "classes:words_deck": "an Anki deck download",
    "classes:done": "POST action of the assignment bar on item pages (redirects back)",
    "classes:beacon": "navigator.sendBeacon target of classes.js (204)",
}
# Pages whose URL does not come from an item of the kinds registry, and who may see them.
PLAIN_PAGES = {
    "home": ANYONE, "search:results": ANYONE, "daily:month": ANYONE,
    "accounts:login": ANYONE, "accounts:signup": ANYONE, "privacy:takedown": ANYONE,
    "accounts:settings": STUDENT_ONLY, "accounts:delete": STUDENT_ONLY,
    "accounts:logout": STUDENT_ONLY, "learners:vocabulary": STUDENT_ONLY,
    "notebook:list": STUDENT_ONLY, "notebook:review": STUDENT_ONLY,
    "notebook:progress": STUDENT_ONLY, "notebook:delete": STUDENT_ONLY,
    "resources:upload": TEACHER_ONLY, "resources:mine": TEACHER_ONLY, "practice:new": TEACHER_ONLY,
    "resources:review": EDITOR_ONLY, "resources:edit": EDITOR_ONLY,
    "placement:start": ANYONE, "placement:suggested": ANYONE,
    "placement:item": STUDENT_ONLY, "placement:result": STUDENT_ONLY,
    "jobs:list": STUDENT_ONLY, "jobs:job": STUDENT_ONLY,
    "classes:mine": TEACHER_ONLY, "classes:detail": TEACHER_ONLY, "classes:poster": TEACHER_ONLY,
    "classes:report": TEACHER_ONLY, "classes:words": TEACHER_ONLY,
    "classes:join": STUDENT_ONLY, "classes:my_assignments": STUDENT_ONLY,
    "classes:work": STUDENT_ONLY,
    "aids:lexicon": OPERATOR_ONLY,
}  # fmt: skip
SEARCH_QUERY = "students"
WORD_CONTEXT = "Scientists say the resilient forests recovered quickly after the storm."


@dataclass(frozen=True)
class Page:
    name: str  # URL name, e.g. "news:international_detail"
    url: str  # path, with a query when the page needs one
    audience: str  # ANYONE or the role that may see it


def site_url_names(patterns=None, namespace="") -> set[str]:
    """The names of the URL conf's public pages (the admin and the JSON API left out)."""
    names = set()
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace not in ("admin", "api"):
                names |= site_url_names(entry.url_patterns, inner)
        elif entry.name:
            names.add(namespace + entry.name)
    return names


def make_user(username: str, role: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    grant(user, role)
    return user


def seed() -> dict[str, User]:
    """Content of every kind (the demo, a resource uploaded by a teacher and published, one
    pending), a student with a notebook card, and the accounts that see every page."""
    from tests.resources import samples
    from tests.resources.conftest import ensure_editions, process_uploads, upload_data
    from yingdu.notebook import service as notebook
    from yingdu.resources.models import Edition, Resource

    load_demo()
    ensure_editions()
    people = {role: make_user(f"a11y_{role}", role) for role in (STUDENT, TEACHER, EDITOR)}
    people[OPERATOR_ONLY] = User.objects.create_superuser("a11y_operator", password=PASSWORD)
    client = Client()
    client.force_login(people[TEACHER])
    edition = Edition.objects.order_by("position").first()
    for title in ("五年级上册 Unit 1 课件", "五年级上册 Unit 2 课件"):
        pdf = (f"{title}.pdf", samples.pdf())
        client.post(reverse("resources:upload"), upload_data(edition, [pdf], title=title))
    process_uploads()  # as a worker would: a processing page reloads itself
    Resource.objects.order_by("pk").first().publish(people[EDITOR])
    word_item = kinds.get("news").published().first()
    notebook.add_word(people[STUDENT], "resilient", WORD_CONTEXT, ("news", word_item.pk))
    seed_placement_tests(people[STUDENT])
    seed_job(people[STUDENT])
    seed_class(people[TEACHER], people[STUDENT])
    return people


def seed_job(student: User) -> None:
    """A failed background job of the student's (its page shows the error and 重试; a
    running job's page reloads itself, which an audit cannot follow)."""
    from yingdu.jobs.models import Job

    Job.objects.create(kind="probe", started_by=student, state=Job.State.FAILED, done=2,
                       total=5, error="文件太大，无法导出。")  # fmt: skip


def seed_class(teacher: User, student: User) -> None:
    """A class with the student in it, a reading and a worksheet assignment (the worksheet's
    report filled by the student's answers)."""
    import datetime as dt

    from django.utils import timezone

    from yingdu.classes import service as classes

    school_class = classes.create_class(teacher, "初二（3）班", "j2")
    classes.join(student, school_class.join_code)
    due = timezone.now() + dt.timedelta(days=7)
    for item in kinds.get("news").published():
        try:
            sheet = classes.assign(school_class, item.get_absolute_url(), "junior", due,
                                   worksheet_types=["vocab"])  # fmt: skip
        except classes.ClassError:
            continue
        classes.assign(school_class, item.get_absolute_url(), "junior", due)
        classes.submit_worksheet(student, sheet, ["x"])
        return
    raise AssertionError("the audit has no news item long enough for a worksheet")


def class_url(name: str) -> str:
    from yingdu.classes.models import Assignment

    sheet = Assignment.objects.filter(kind=Assignment.Kind.WORKSHEET).first()
    pk = sheet.school_class_id
    if name in ("classes:detail", "classes:poster"):
        return reverse(name, args=(pk,))
    if name == "classes:report":
        return reverse(name, args=(pk, sheet.pk))
    if name == "classes:words":
        return reverse(name, args=(pk,)) + f"?url={sheet.item_url}"
    if name == "classes:work":
        return reverse(name, args=(sheet.pk,))
    return reverse(name)


def seed_placement_tests(student: User) -> None:
    """The student's placement tests: one waiting for its first answer, one finished."""
    from yingdu.aids.service import current_lexicon
    from yingdu.placement import service as placement

    lexicon = current_lexicon()
    placement.start(student, "", lexicon, seed=1)
    finished = placement.start(student, "", lexicon, seed=2)
    while not finished.done:
        kind = placement.reply(finished)["item"]["kind"]
        answer = False if kind == "yesno" else 0  # 不认识, or the first gloss
        finished = placement.submit(finished.id, student, "", answer, lexicon)


def placement_test_url(name: str) -> str:
    from yingdu.placement.models import PlacementTest

    tests = PlacementTest.objects.order_by("pk")
    test = next(t for t in tests if t.done == (name == "placement:result"))
    return reverse(name, args=(test.id,))


def item_pages() -> list[Page]:
    """One published item of every registered kind, and its list pages."""
    pages = []
    for kind in kinds.all_kinds():
        for section in kind.nav_sections:
            pages.append(Page(section.list_url, reverse(section.list_url), ANYONE))
            item = kind.published(section.where or None).first()
            if item is None:
                raise AssertionError(f"the audit has no published {kind.key} item")
            url = item.get_absolute_url()
            pages.append(Page(resolve(url).view_name, url, ANYONE))
    bilingual = [p for p in pages if p.name == "bilingual:detail"]
    for mode in ("en", "zh"):  # the default view shows both languages
        pages += [Page(p.name, f"{p.url}?view={mode}", ANYONE) for p in bilingual]
    return pages


def plain_url(name: str) -> str:
    from yingdu.daily.models import DailyTerm
    from yingdu.notebook.models import Card
    from yingdu.resources.models import Resource

    if name == "search:results":
        return reverse(name) + f"?q={SEARCH_QUERY}"
    if name == "daily:month":
        day = DailyTerm.objects.published().latest("date").date
        return reverse(name, args=(day.year, day.month))
    if name == "notebook:delete":
        return reverse(name, args=(Card.objects.first().pk,))
    if name == "resources:edit":
        return reverse(name, args=(Resource.objects.first().slug,))
    if name in ("placement:item", "placement:result"):
        return placement_test_url(name)
    if name == "jobs:job":
        from yingdu.jobs.models import Job

        return reverse(name, args=(Job.objects.first().pk,))
    if name.startswith("classes:"):
        return class_url(name)
    return reverse(name)


def all_pages() -> list[Page]:
    pages = item_pages()
    pages += [Page(name, plain_url(name), who) for name, who in PLAIN_PAGES.items()]
    pages.append(Page("404", "/no-such-page/", ANYONE))
    return pages
