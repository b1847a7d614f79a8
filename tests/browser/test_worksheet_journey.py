"""A teacher makes a worksheet from a news item (生成练习), downloads the PDF, saves it to the
library (both background jobs, run as `yingdu worker` would); an editor publishes it and a
visitor finds it under 英语试题.  The students' HTML checks answers in the browser."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from tests.jobs.worker import run_queued
from tests.resources.conftest import ensure_editions
from tests.worksheets.conftest import POOL, TEXTS
from yingdu.accounts.roles import EDITOR, TEACHER, grant
from yingdu.news.models import NewsArticle, Section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
TITLE = "Old bikes find new riders"


@pytest.fixture
def setting(settings, tmp_path, live_server, site_lexicon):
    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_editions()
    for name, role in [("teacher_li", TEACHER), ("editor_wang", EDITOR)]:
        grant(User.objects.create_user(name, password=PASSWORD), role)
    published = {"status": "published", "published_at": timezone.now()}
    NewsArticle.objects.create(section=Section.DOMESTIC, title="Clean water", body=POOL,
                               **published)  # fmt: skip
    return NewsArticle.objects.create(section=Section.DOMESTIC, title=TITLE, body=TEXTS["bikes"],
                                      **published)  # fmt: skip


def sign_in(browser, site, username):
    page = browser.new_context(locale="zh-CN", accept_downloads=True).new_page()
    page.goto(site + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    return page


def test_teacher_makes_downloads_and_saves_a_worksheet(browser, live_server, setting):
    site = live_server.url
    teacher = sign_in(browser, site, "teacher_li")
    teacher.goto(site + setting.get_absolute_url())
    teacher.get_by_role("link", name="生成练习").click()
    teacher.wait_for_url(re.compile(r".*/worksheets/new/\?kind=news&item=\d+$"))
    teacher.select_option("#id_level", label="中考")
    teacher.get_by_role("button", name="预览").click()
    preview = teacher.locator(".worksheet-preview")
    for heading in ("一、完形填空", "二、语法填空", "三、七选五", "四、词汇", "参考答案"):
        assert heading in preview.inner_text(), heading
    teacher.get_by_role("button", name="下载 PDF").click()  # rendered by a background job
    teacher.wait_for_url(re.compile(r".*/jobs/\d+/$"))
    run_queued()  # what `yingdu worker` does; the job page refreshes itself meanwhile
    with teacher.expect_download() as download:
        teacher.get_by_role("link", name=re.compile("^下载 .*_练习.pdf")).click()
    assert download.value.suggested_filename.endswith("_练习.pdf")
    teacher.goto(site + f"/worksheets/new/?kind=news&item={setting.pk}")
    teacher.select_option("#id_level", label="中考")
    teacher.get_by_role("button", name="预览").click()
    assert Path(download.value.path()).read_bytes()[:4] == b"%PDF"

    teacher.select_option("#id_grade", label="初二")
    teacher.select_option("#id_volume", label="上册")
    teacher.select_option("#id_edition", label="人教版")
    teacher.fill("#id_unit", "Unit 3")
    teacher.get_by_role("button", name="保存到资源库").click()  # saved by a background job
    teacher.wait_for_url(re.compile(r".*/jobs/\d+/$"))
    assert "练习保存到资源库" in teacher.locator("h1").inner_text()
    run_queued()  # the job page refreshes itself until the link to the resource is there
    links = teacher.locator(".job-links")
    links.wait_for()
    assert "等待编辑审核" in links.inner_text()
    links.get_by_role("link", name=re.compile(f"^查看保存的资源：{TITLE}")).click()
    teacher.wait_for_url(re.compile(r".*/resources/[a-z0-9-]+/$"))
    assert "待审核" in teacher.locator(".status.pending").inner_text()
    teacher.context.close()

    editor = sign_in(browser, site, "editor_wang")
    editor.goto(site + "/resources/review/")
    editor.locator(".review > li").filter(has_text=TITLE).get_by_role("button", name="发布").click()
    editor.wait_for_url(site + "/resources/review/")
    editor.context.close()

    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(site + "/resources/")
    facet = visitor.locator('.res-facets [data-facet="type"]')
    facet.get_by_role("link", name=re.compile("^英语试题")).click()
    visitor.wait_for_url("**/resources/?type=test_paper")
    assert TITLE in visitor.locator(".res-list").inner_text()
    visitor.context.close()


def test_students_html_checks_answers(browser, live_server, setting):
    teacher = sign_in(browser, live_server.url, "teacher_li")
    teacher.goto(live_server.url + f"/worksheets/new/?kind=news&item={setting.pk}")
    teacher.get_by_role("button", name="预览").click()
    with teacher.expect_download() as download:
        teacher.get_by_role("button", name=re.compile("下载 HTML")).click()
    html = Path(download.value.path()).read_text(encoding="utf-8")
    teacher.context.close()

    student = browser.new_context(locale="zh-CN").new_page()
    student.set_content(html)
    first, second = (
        student.locator("input.ws-field").nth(0),
        student.locator("input.ws-field").nth(1),
    )
    first.fill(first.get_attribute("data-answer"))
    second.fill("qqq")
    student.get_by_role("button", name="检查答案").click()
    assert "right" in first.get_attribute("class") and "wrong" in second.get_attribute("class")
    assert re.search(r"答对 1 / \d+", student.locator(".ws-result").inner_text())
    assert student.locator(".ws-key").is_hidden()
    student.context.close()


def test_the_page_fits_a_phone_and_raises_no_csp_violation(browser, live_server, setting):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Security Policy" in m.text else 0)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "teacher_li")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    page.goto(live_server.url + f"/worksheets/new/?kind=news&item={setting.pk}")
    page.get_by_role("button", name="预览").click()
    assert "参考答案" in page.locator(".worksheet-preview").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert violations == []
    context.close()
