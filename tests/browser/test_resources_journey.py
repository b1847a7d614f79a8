"""A teacher signs in and uploads a PDF courseware for 五年级 上册 人教版 (处理中 until a worker
has read it), an editor publishes
it, and a visitor narrows the list by clicking 课件, 五年级, 上册 and downloads the file with
its Chinese name intact. The facet bar holds on a 375-px phone."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from tests.jobs.worker import run_queued
from tests.resources import samples
from tests.resources.conftest import ensure_editions
from yingdu.accounts.roles import EDITOR, TEACHER, grant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
FILE_NAME = "五年级上册 Unit 1 Hello 课件.pdf"
# An image finishes after the page's load event when the browser defers it: wait for it.
WHEN_DRAWN = "img => img.complete || new Promise(done => { img.onload = img.onerror = done; })"


@pytest.fixture
def people(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_editions()
    for name, role in [("teacher_li", TEACHER), ("editor_wang", EDITOR)]:
        grant(User.objects.create_user(name, password=PASSWORD), role)


def sign_in(page, site, username):
    page.goto(site + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(site + "/resources/")


def test_upload_review_filter_download(browser, live_server, people):
    site = live_server.url
    teacher = browser.new_context(locale="zh-CN").new_page()
    sign_in(teacher, site, "teacher_li")
    teacher.get_by_role("link", name="上传资源").click()
    teacher.fill("#id_title", "五年级上册 Unit 1 Hello 课件")
    teacher.select_option("#id_type", label="英语课件")
    teacher.select_option("#id_grade", label="五年级")
    teacher.select_option("#id_volume", label="上册")
    teacher.select_option("#id_edition", label="人教版")
    teacher.fill("#id_unit", "Unit 1")
    teacher.set_input_files(
        "#id_files", {"name": FILE_NAME, "mimeType": "application/pdf", "buffer": samples.pdf()}
    )
    teacher.get_by_role("button", name="上传", exact=True).click()
    teacher.wait_for_url(re.compile(r".*/resources/[a-z0-9-]+/$"))
    assert "编辑审核通过后" in teacher.locator(".messages").inner_text()
    assert "待审核" in teacher.locator(".status.pending").inner_text()
    assert "处理中" in teacher.locator(".status.processing").inner_text()
    run_queued()  # a worker reads the pdf: its text and first-page preview
    teacher.reload()
    assert teacher.locator(".status.processing").count() == 0
    assert teacher.locator(".res-preview img").count() == 1
    teacher.context.close()

    visitor = browser.new_context(locale="zh-CN", accept_downloads=True).new_page()
    visitor.goto(site + "/resources/")
    assert visitor.locator(".res-list h2").count() == 0  # not public before review

    editor = browser.new_context(locale="zh-CN").new_page()
    sign_in(editor, site, "editor_wang")
    editor.goto(site + "/resources/review/")
    item = editor.locator(".review > li").filter(has_text="五年级上册 Unit 1 Hello 课件")
    item.get_by_role("button", name="发布").click()
    editor.wait_for_url(site + "/resources/review/")
    assert "已发布" in editor.locator(".messages").inner_text()
    editor.context.close()

    visitor.goto(site + "/resources/")
    bar = visitor.locator(".res-facets")
    bar.locator('[data-facet="type"]').get_by_role("link", name=re.compile("^英语课件")).click()
    visitor.wait_for_url("**/resources/?type=courseware")
    bar.locator('[data-facet="grade"]').get_by_role("link", name=re.compile("^五年级")).click()
    visitor.wait_for_url("**/resources/?type=courseware&grade=p5")
    bar.locator('[data-facet="volume"]').get_by_role("link", name=re.compile("^上册")).click()
    visitor.wait_for_url("**/resources/?type=courseware&grade=p5&volume=first")
    for facet, label in [("type", "英语课件"), ("grade", "五年级"), ("volume", "上册")]:
        current = bar.locator(f'[data-facet="{facet}"] a[aria-current]')
        assert current.inner_text().startswith(label)
    rows = visitor.locator(".res-list > li")
    assert rows.count() == 1
    assert all(text in rows.inner_text() for text in ["英语课件", "五年级", "上册", "人教版"])
    rows.get_by_role("link").click()
    visitor.wait_for_url(re.compile(r".*/resources/[a-z0-9-]+/$"))
    preview = visitor.locator(".res-preview img")
    preview.evaluate(WHEN_DRAWN)
    assert preview.evaluate("img => img.naturalWidth") > 0, "the first-page preview did not draw"
    with visitor.expect_download() as info:
        visitor.get_by_role("link", name="下载", exact=True).click()
    download = info.value
    assert download.suggested_filename == FILE_NAME
    assert Path(download.path()).read_bytes() == samples.pdf()
    visitor.context.close()


def test_facet_bar_fits_a_phone(phone, live_server, people):
    phone.goto(live_server.url + "/resources/")
    overflow = phone.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"/resources/ scrolls sideways by {overflow}px at 375px"
    assert phone.locator(".res-facets .facet").count() == 4
