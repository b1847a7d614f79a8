"""Document bombs (issue 10, defect 1): crafted docx, pptx and pdf uploads are read by the
upload's background job in a child process with hard memory and time limits; over a limit
the job fails, the file is kept without text, the uploader is told so in Chinese on the
resource's page, and neither the web process's nor the worker's memory grows."""

import io

import pytest

from yingdu.resources import filecheck, sandbox
from yingdu.resources.models import Resource

from . import samples
from .conftest import process_uploads, stored_files, upload_data

pytestmark = pytest.mark.attack  # issue 10: run alone by `make audit`

URL = "/resources/upload/"
MB = 1024 * 1024
SMALL_MEMORY = sandbox.Limits(memory=96 * MB)  # room for the parsers, not for a bomb
TOO_BIG = "文件过大或过于复杂"
UNREADABLE = "无法读取此文件中的文字"


def peak_rss_growth(action) -> int:
    """Bytes by which this process's peak resident memory grew while `action` ran."""

    def field(name):
        with open("/proc/self/status") as status:
            line = next(line for line in status if line.startswith(name))
        return int(line.split()[1]) * 1024

    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # reset the high-water mark to the current size
    before = field("VmRSS:")
    action()
    return field("VmHWM:") - before


def upload_and_follow(client, renjiao, name, data):
    """Upload, run the job as a worker would, and show the resource's page."""
    response = client.post(URL, upload_data(renjiao, [(name, data)]))
    assert response.status_code == 302, response.content.decode()[:500]
    assert process_uploads() == ["failed"]
    return client.get(response["Location"])


def test_the_bomb_is_small_and_expands_past_the_part_cap():
    bomb = samples.docx_bomb()
    assert len(bomb) < 200 * 1024
    assert filecheck.oversized_xml_part(io.BytesIO(bomb), 20 * MB) == "word/document.xml"
    assert filecheck.oversized_xml_part(io.BytesIO(samples.docx()), 20 * MB) is None


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "bomb"), [("bomb.docx", samples.docx_bomb),
                                            ("bomb.pptx", samples.pptx_bomb)])  # fmt: skip
def test_office_bomb_is_stored_without_text_and_the_uploader_told(
    teacher_client, renjiao, media, name, bomb
):
    data = bomb()
    growth = peak_rss_growth(lambda: upload_and_follow(teacher_client, renjiao, name, data))
    resource = Resource.objects.get()
    assert resource.text == "" and resource.files.get().size == len(data)
    assert resource.text_state == "failed" and TOO_BIG in resource.text_error
    assert len(stored_files(media)) == 1
    assert growth < 100 * MB


@pytest.mark.django_db
def test_message_names_the_file_in_chinese(teacher_client, renjiao):
    response = upload_and_follow(teacher_client, renjiao, "大炸弹.docx", samples.docx_bomb())
    html = response.content.decode()
    assert "大炸弹.docx：" in html and TOO_BIG in html


@pytest.mark.django_db
def test_a_parse_over_the_memory_limit_leaves_the_web_process_alone(
    teacher_client, renjiao, settings
):
    """Under the part cap, but parsing needs more memory than the child may have."""
    settings.RESOURCE_EXTRACT_MAX_MEMORY_BYTES = SMALL_MEMORY.memory
    data = samples.docx_bomb(8 * MB)
    growth = peak_rss_growth(lambda: upload_and_follow(teacher_client, renjiao, "a.docx", data))
    assert Resource.objects.get().text == ""
    assert growth < 60 * MB  # parsing 8 MB of paragraphs in-process takes about 170 MB


@pytest.mark.parametrize("bomb", [samples.docx_bomb, samples.pptx_bomb])
def test_extraction_reports_the_memory_limit(bomb):
    outcome = sandbox.analyse_file(io.BytesIO(bomb(8 * MB)), "docx" if bomb is samples.docx_bomb
                                   else "pptx", SMALL_MEMORY)  # fmt: skip
    assert outcome == sandbox.Analysis(sandbox.LIMIT)


@pytest.mark.parametrize(("kind", "make", "expected"), [
    ("docx", samples.docx, "My family"), ("pptx", samples.pptx, "Colours and shapes"),
    ("pdf", samples.pdf, "Unit 1 Hello everyone"),
])  # fmt: skip
def test_ordinary_files_are_read_within_the_small_limit(kind, make, expected):
    analysis = sandbox.analyse_file(io.BytesIO(make()), kind, SMALL_MEMORY)
    assert analysis.outcome == sandbox.OK and expected in analysis.text
    assert (analysis.preview is not None) == (kind == "pdf")


def test_a_pdf_that_takes_minutes_to_draw_is_stopped():
    analysis = sandbox.analyse_file(
        io.BytesIO(samples.pdf_page_of_strokes()), "pdf", sandbox.Limits(seconds=2)
    )
    assert analysis == sandbox.Analysis(sandbox.LIMIT)


@pytest.mark.django_db
def test_hanging_pdf_upload_is_stored_without_preview(teacher_client, renjiao, settings):
    settings.RESOURCE_EXTRACT_SECONDS = 2
    response = upload_and_follow(teacher_client, renjiao, "线条.pdf", samples.pdf_page_of_strokes())
    stored = Resource.objects.get().files.get()
    assert not stored.preview and stored.resource.text == ""
    assert TOO_BIG in response.content.decode()


@pytest.mark.django_db
def test_malformed_pdf_is_stored_and_the_uploader_told(teacher_client, renjiao, media):
    response = upload_and_follow(teacher_client, renjiao, "坏.pdf", b"%PDF-1.4 broken")
    assert Resource.objects.get().files.get().kind == "pdf"
    assert "坏.pdf：" in response.content.decode() and UNREADABLE in response.content.decode()


def test_default_expanded_size_limit_fits_real_teaching_files(settings):
    assert filecheck.Limits().zip_max_expanded == settings.RESOURCE_ZIP_MAX_EXPANDED_BYTES
    assert filecheck.Limits().zip_max_expanded == 4 * settings.RESOURCE_UPLOAD_MAX_BYTES


def test_the_child_sees_no_secrets(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "very-secret")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "also-secret")
    environment = sandbox.child_environment()
    assert "SECRET_KEY" not in environment and "AWS_SECRET_ACCESS_KEY" not in environment
    assert environment["PATH"]
