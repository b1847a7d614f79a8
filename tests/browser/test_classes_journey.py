"""A class's whole journey in a real browser: a teacher creates a class; a student joins with
the code on a phone-sized window; the teacher assigns a news item and a worksheet made from
it; the student reads (looks two words up and adds them to the notebook), presses 我读完了
and does the worksheet online; the teacher sees the completion, the score and the pre-teach
list, and exports the CSV."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.classes.conftest import ARTICLE
from yingdu.accounts.roles import STUDENT, TEACHER, grant
from yingdu.classes import service
from yingdu.classes.models import Assignment, AssignmentProgress, SchoolClass
from yingdu.core.models import Status
from yingdu.news.models import NewsArticle, Section
from yingdu.notebook.models import Card

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "long-enough-pass-123"


@pytest.fixture
def article(live_server, site_lexicon):
    return NewsArticle.objects.create(
        section=Section.INTERNATIONAL, title="Village rebuilds after the flood", body=ARTICLE,
        status=Status.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip


@pytest.fixture
def desktop(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, site, name, role, then):
    user = get_user_model().objects.create_user(name, password=PASSWORD)
    grant(user, role)
    page.goto(site + "/accounts/login/?next=" + then)
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**" + then)
    return user


def assign(page, site, school_class, url, worksheet=False):
    page.goto(f"{site}/classes/{school_class.pk}/")
    page.fill(".assign-form input[name=url]", url)
    page.select_option(".assign-form select[name=level]", "junior")
    if worksheet:
        page.get_by_label("词汇").check()
    page.get_by_role("button", name="布置", exact=True).click()
    page.locator(".message", has_text="作业已布置给全班").wait_for()


def test_a_class_from_creation_to_the_csv(desktop, phone, live_server, article, tmp_path):
    site = live_server.url
    sign_in(desktop, site, "teacher_li", TEACHER, "/classes/")
    desktop.fill("input[name=name]", "初二（3）班")
    desktop.select_option("select[name=grade]", "j2")
    desktop.get_by_role("button", name="创建班级").click()
    code = desktop.locator(".join-code").inner_text().strip()
    school_class = SchoolClass.objects.get()
    assert code == school_class.join_code
    assert desktop.locator(".qr svg").count() == 1

    student = sign_in(phone, site, "xiaoming", STUDENT, "/classes/join/")
    phone.fill("input[name=code]", code.lower())
    phone.get_by_role("button", name="加入", exact=True).click()
    phone.wait_for_url("**/assignments/")
    assert "你已加入初二（3）班" in phone.locator(".messages").inner_text()

    assign(desktop, site, school_class, site + article.get_absolute_url())
    assign(desktop, site, school_class, article.get_absolute_url(), worksheet=True)
    reading = Assignment.objects.get(kind="reading")
    sheet = Assignment.objects.get(kind="worksheet")

    phone.goto(site + "/")
    box = phone.locator(".block-assignments")
    assert "我的作业" in box.inner_text()
    box.locator("a", has_text=article.title).first.tap()
    phone.wait_for_url("**" + article.get_absolute_url())
    assert "我读完了" in phone.locator(".assignment-bar").inner_text()
    looked_up = []
    for n in range(2):
        word = phone.locator(".w[data-g]").nth(n * 3)
        word.scroll_into_view_if_needed()
        word.tap()
        pop = phone.locator(".pop")
        looked_up.append(pop.locator("[lang=en]").first.inner_text().strip())
        pop.get_by_role("button", name="加入生词本").tap()
        pop.locator("button.added").wait_for()
        phone.keyboard.press("Escape")
    assert Card.objects.filter(user=student).count() == 2
    phone.get_by_role("button", name="我读完了").tap()
    phone.locator(".assignment-bar", has_text="作业已完成").wait_for()
    progress = AssignmentProgress.objects.get(assignment=reading, student=student)
    assert progress.done and progress.opened_at
    assert len(progress.lookups) == 2  # sent by classes.js when the page was left

    phone.goto(f"{site}/assignments/{sheet.pk}/")
    questions = service.questions(sheet.worksheet)
    wrong = None
    for n, (_kind, _label, answer) in enumerate(questions):
        field = phone.locator(f"[name=a{n}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(answer)
        elif wrong is None:
            wrong = n
            field.fill("wrong")
        else:
            field.fill(answer)
    assert wrong is not None, "the 词汇 exercise has words to spell"
    phone.get_by_role("button", name="交作业").tap()
    score = round((len(questions) - 1) / len(questions) * 100)
    assert f"{score}%" in phone.locator(".score").inner_text()

    desktop.goto(f"{site}/classes/{school_class.pk}/assignments/{sheet.pk}/")
    summary = desktop.locator(".summary").inner_text()
    assert "已完成：1 / 1" in summary and f"平均得分：{score}%" in summary
    assert "错得最多的题" in desktop.content()
    desktop.goto(f"{site}/classes/{school_class.pk}/assignments/{reading.pk}/")
    row = desktop.locator(".class-table tbody tr").first
    assert "✓" in row.inner_text()
    desktop.get_by_role("link", name="课前要教的词").click()
    desktop.locator(".class-table tbody tr").first.wait_for()
    assert desktop.locator(".class-table tbody tr").count() > 0
    with desktop.expect_download() as download:
        desktop.goto(f"{site}/classes/{school_class.pk}/")
        desktop.get_by_role("link", name="导出 CSV（Excel）").click()
    path = tmp_path / "class.csv"
    download.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert article.title in data.decode("utf-8-sig")
