"""生成练习 on the site: who sees and may use it, preview, downloads, 换一套, saving to the
resource library (a job) under the library's rules, who sees that job, and pasting a text."""

import io
import json

import pypdfium2
import pytest
from django.urls import reverse
from docx import Document

from tests.jobs.worker import run_queued
from tests.practice.conftest import client_for, make_user
from tests.worksheets.conftest import POOL, TEXTS
from yingdu.accounts.roles import TEACHER
from yingdu.jobs.models import Job
from yingdu.practice.jobs import SAVE
from yingdu.resources.models import Resource, ResourceStatus
from yingdu.worksheets.render import CONTENT_TYPES
from yingdu.worksheets.render_pdf import font_path

pytestmark = pytest.mark.django_db
NEW = reverse("practice:new")


def params(article, **extra):
    types = ["cloze", "grammar", "seven", "vocab"]
    base = {"kind": "news", "item": article.pk, "level": "junior", "seed": "0", "types": types}
    return {**base, "action": "preview", **extra}


def test_teachers_see_the_link_on_english_items(client, article, teacher):
    url = article.get_absolute_url()
    assert "生成练习" not in client.get(url).content.decode()
    page = client_for(client, teacher).get(url).content.decode()
    assert "生成练习" in page and f"kind=news&amp;item={article.pk}" in page


def test_students_do_not_see_the_link(client, article, student):
    assert (
        "生成练习"
        not in client_for(client, student).get(article.get_absolute_url()).content.decode()
    )


def test_only_teachers_and_editors_may_open_the_page(client, article, student, visitor, editor):
    anonymous = client.get(NEW)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    for user in (student, visitor):
        client_for(client, user)
        assert client.get(NEW).status_code == 403
        assert client.post(NEW, params(article)).status_code == 403
    assert client_for(client, editor).get(NEW).status_code == 200


def test_preview_of_an_item(client, article, teacher):
    client_for(client, teacher)
    page = client.get(NEW, {"kind": "news", "item": article.pk}).content.decode()
    assert "Old bikes find new riders" in page
    page = client.post(NEW, params(article)).content.decode()
    for text in ("完形填空", "语法填空", "七选五", "词汇", "参考答案", "班级", "保存到资源库"):
        assert text in page, text


def test_another_set_takes_the_next_seed(client, article, teacher):
    client_for(client, teacher)
    first = client.post(NEW, params(article)).content.decode()
    other = client.post(NEW, params(article, action="another")).content.decode()
    assert 'name="seed" value="1"' in other
    assert (
        first.split('class="worksheet-preview"')[1] != other.split('class="worksheet-preview"')[1]
    )


def render_in_a_job(client, article, fmt, capture):
    """POST the download button: the page queues a job and sends the teacher to its page;
    a worker renders the file, which the job page then offers."""
    with capture(execute=True):
        response = client.post(NEW, params(article, action=fmt))
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    waiting = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in waiting and "/download/" not in waiting
    run_queued()
    ready = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in ready and "_练习." + fmt in ready
    download = client.get(response["Location"] + "download/")
    assert "attachment" in download["Content-Disposition"]
    assert download["Content-Type"] == CONTENT_TYPES[fmt]
    return response["Location"], b"".join(download.streaming_content)


@pytest.mark.skipif(font_path() is None, reason="no Chinese TrueType font installed")
def test_download_pdf(client, article, teacher, django_capture_on_commit_callbacks):
    client_for(client, teacher)
    _, content = render_in_a_job(client, article, "pdf", django_capture_on_commit_callbacks)
    pdf = pypdfium2.PdfDocument(content)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "Old bikes find new riders" in text and "参考答案" in text


def test_download_docx(client, article, teacher, student, django_capture_on_commit_callbacks):
    client_for(client, teacher)
    job_page, content = render_in_a_job(client, article, "docx", django_capture_on_commit_callbacks)
    document = Document(io.BytesIO(content))
    assert any("参考答案" in p.text for p in document.paragraphs)
    again = client.post(NEW, params(article, action="docx"))
    assert again["Location"] == job_page and Job.objects.count() == 1  # the same file
    client_for(client, student)
    assert client.get(job_page + "download/").status_code == 404  # the teacher's only


def test_html_is_made_in_the_request(client, article, teacher):
    response = client_for(client, teacher).post(NEW, params(article, action="html"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert "参考答案" in response.content.decode() and not Job.objects.exists()


def save_in_a_job(client, article, capture, **facets):
    """POST 保存到资源库: the page checks the form, queues the job and sends the teacher to
    its page; a worker saves the worksheet; the job page then links to the resource."""
    before = Resource.objects.count()
    with capture(execute=True):
        response = client.post(NEW, params(article, action="save", **facets))
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    assert Resource.objects.count() == before  # nothing rendered or saved in the request
    waiting = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in waiting and "保存到资源库" in waiting
    run_queued()
    return response["Location"], client.get(response["Location"]).content.decode()


def test_a_teachers_worksheet_waits_for_review(
    client, article, teacher, renjiao, django_capture_on_commit_callbacks
):
    facets = {"grade": "j2", "volume": "first", "edition": renjiao.pk, "unit": "Unit 3"}
    client_for(client, teacher)
    job_page, done = save_in_a_job(client, article, django_capture_on_commit_callbacks, **facets)
    resource = Resource.objects.get()
    assert resource.type == "test_paper" and resource.status == ResourceStatus.PENDING
    assert (resource.grade, resource.volume, resource.edition, resource.unit) == (
        "j2", "first", renjiao, "Unit 3")  # fmt: skip
    kinds = sorted(f.kind for f in resource.files.all())
    assert "docx" in kinds and resource.uploader == teacher
    assert f'href="{resource.get_absolute_url()}"' in done and 'http-equiv="refresh"' not in done
    assert f'href="{reverse("resources:mine")}"' in done and "审核" in done  # awaits review
    assert client.get(resource.get_absolute_url()).status_code == 200  # the uploader sees it
    again = client.post(NEW, params(article, action="save", **facets))  # the same form again
    assert again["Location"] == job_page and Job.objects.filter(kind=SAVE).count() == 1
    assert Resource.objects.count() == 1


def test_saving_again_after_the_resource_was_deleted_saves_it_anew(
    client, article, teacher, renjiao, django_capture_on_commit_callbacks
):
    facets = {"grade": "j2", "volume": "first", "edition": renjiao.pk, "unit": "Unit 3"}
    client_for(client, teacher)
    job_page, _ = save_in_a_job(client, article, django_capture_on_commit_callbacks, **facets)
    Resource.objects.get().delete()
    again, done = save_in_a_job(client, article, django_capture_on_commit_callbacks, **facets)
    resource = Resource.objects.get()
    assert again == job_page and f'href="{resource.get_absolute_url()}"' in done


def test_an_editors_worksheet_is_published_and_found_under_test_papers(
    client, article, editor, renjiao, django_capture_on_commit_callbacks
):
    facets = {"grade": "j2", "volume": "first", "edition": renjiao.pk, "unit": ""}
    client_for(client, editor)
    _, done = save_in_a_job(client, article, django_capture_on_commit_callbacks, **facets)
    resource = Resource.objects.get(status=ResourceStatus.PUBLISHED)
    assert resource.reviewed_by == editor
    assert f'href="{resource.get_absolute_url()}"' in done
    assert reverse("resources:mine") not in done.split('class="job-page')[1]  # no review
    client.logout()
    listing = client.get(reverse("resources:index"), {"type": "test_paper"}).content.decode()
    assert resource.title in listing


def test_only_the_teacher_who_saved_sees_the_job(
    client, article, teacher, student, visitor, editor, renjiao, django_capture_on_commit_callbacks
):
    facets = {"grade": "j1", "volume": "second", "edition": renjiao.pk, "unit": "Unit 5"}
    client_for(client, teacher)
    job_page, _ = save_in_a_job(client, article, django_capture_on_commit_callbacks, **facets)
    other_teacher = make_user("teacher_zhao", TEACHER)
    client.logout()
    anonymous = client.get(job_page)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    for user in (student, visitor, other_teacher, editor):
        client_for(client, user)
        assert client.get(job_page).status_code == 404, user.username
        assert job_page not in client.get(reverse("jobs:list")).content.decode()


def test_a_second_teacher_saving_the_same_worksheet_is_told_it_is_there(
    client, article, teacher, renjiao, django_capture_on_commit_callbacks
):
    facets = {"grade": "j2", "volume": "first", "edition": renjiao.pk, "unit": "Unit 3"}
    client_for(client, teacher)
    save_in_a_job(client, article, django_capture_on_commit_callbacks, **facets)
    client_for(client, make_user("teacher_zhao", TEACHER))
    job_page, failed = save_in_a_job(client, article, django_capture_on_commit_callbacks, **facets)
    assert Resource.objects.count() == 1 and Job.objects.get(pk=job_page.split("/")[-2]).error
    assert "已经在资源库" in failed and "重试" in failed


def test_saving_needs_the_facets(client, article, teacher):
    page = client_for(client, teacher).post(NEW, params(article, action="save")).content.decode()
    assert Resource.objects.count() == 0 and "这个字段是必填项" in page
    assert not Job.objects.exists()  # checked in the request: no job for a form with errors


def test_a_pasted_text(client, teacher, site_lexicon):
    client_for(client, teacher)
    data = {"title": "My text", "text": TEXTS["river"], "level": "senior", "seed": "0",
            "types": ["cloze", "vocab"], "action": "preview"}  # fmt: skip
    preview = client.post(NEW, data).content.decode().split('class="worksheet-preview"')[1]
    assert "My text" in preview and "完形填空" in preview and "七选五" not in preview


def test_an_empty_text_is_refused_in_chinese(client, teacher, site_lexicon):
    client_for(client, teacher)
    data = {"text": "  ", "level": "senior", "types": ["cloze"], "action": "preview"}
    page = client.post(NEW, data).content.decode()
    assert "worksheet-preview" not in page and "粘贴" in page


def test_the_command_takes_seven_choose_five_distractors_from_the_site(article, capsys, tmp_path):
    from yingdu.cli import main

    source = tmp_path / "bikes.txt"
    source.write_text(TEXTS["bikes"], encoding="utf-8")
    assert main(["worksheet", str(source), "--level", "junior", "--types", "seven"]) == 0
    seven = json.loads(capsys.readouterr().out)["sections"][0]
    distractors = [o for o in seven["options"] if o not in TEXTS["bikes"]]
    assert len(distractors) == 2 and all(d in POOL for d in distractors)
