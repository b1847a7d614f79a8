"""Demo teaching resources: small lesson plans, courseware and a test paper made on the
fly (docx, pptx, pdf) and saved through the same checked upload path teachers use; the
background job that reads their text and draws their previews runs in the command itself.

The text is the team's own; files are generated, so nothing third-party is shipped.
"""

import io

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from yingdu.accounts.roles import EDITOR, grant
from yingdu.resources.forms import UploadForm
from yingdu.resources.jobs import process_now
from yingdu.resources.models import Edition, Resource
from yingdu.resources.services import create_resource

DEMO_EDITOR = "yingdu-demo-editor"

RESOURCES = [
    {
        "title": "Unit 1 Hello! 三年级上册课件", "type": "courseware", "grade": "p3",
        "volume": "first", "edition": "人教版", "unit": "Unit 1",
        "description": "用于三年级第一单元的课件：打招呼、介绍自己，含歌曲和小游戏。",
        "tags": "问候, Unit 1", "file": ("Unit1-Hello课件.pptx", "pptx"),
        "lines": ["Unit 1 Hello!", "Hello, I'm Miss White.", "Hi, I'm Sarah. Nice to meet you.",
                  "Game: say hello to three friends in English."],
    },
    {
        "title": "Unit 3 What would you like? 五年级上册教案", "type": "lesson_plan",
        "grade": "p5", "volume": "first", "edition": "人教版", "unit": "Unit 3",
        "description": "食物与饮料的表达，What would you like? I'd like… 两课时教案。",
        "tags": "食物, 教案", "file": ("五年级上册Unit3教案.docx", "docx"),
        "lines": ["教学目标：学生能用 What would you like? 询问他人想吃什么。",
                  "Warm-up: sing a food song and show pictures of sandwiches, tea and salad.",
                  "Practice: pair work, one student orders lunch and the other answers.",
                  "作业：为家人设计一份英文菜单。"],
    },
    {
        "title": "七年级下册 Unit 5 单元测试卷", "type": "test_paper", "grade": "j1",
        "volume": "second", "edition": "外研版", "unit": "Module 5",
        "description": "听力、单项选择、完形填空、阅读理解和书面表达，满分 100 分。",
        "tags": "测试, 阅读", "file": ("七年级下册Unit5测试卷.pdf", "pdf"),
        "lines": ["Unit 5 Test", "I. Choose the best answer.", "1. There ___ a park near my home.",
                  "II. Write 60 words about your favourite animal."],
    },
    {
        "title": "高一必修一 Unit 2 Travelling around 学案", "type": "study_guide",
        "grade": "s1", "volume": "full", "edition": "译林版", "unit": "Unit 2",
        "description": "课前预习、课堂探究与课后巩固，含重点词汇和长难句分析。",
        "tags": "旅行, 学案", "file": ("高一Unit2学案.docx", "docx"),
        "lines": ["学习目标：掌握 schedule, destination, accommodation 等词汇。",
                  "Reading: plan a three-day trip and explain your choices.",
                  "长难句：The trip, which we had planned for months, was finally confirmed."],
    },
]  # fmt: skip


def docx_bytes(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pptx_bytes(lines: list[str]) -> bytes:
    from pptx import Presentation

    deck = Presentation()
    for line in lines:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = line
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def pdf_bytes(lines: list[str]) -> bytes:
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(page)
    for n, line in enumerate(lines):
        draw.text((60, 80 + n * 40), line, fill="black")
    out = io.BytesIO()
    page.save(out, format="PDF")
    return out.getvalue()


MAKERS = {"docx": docx_bytes, "pptx": pptx_bytes, "pdf": pdf_bytes}


def demo_editor() -> User:
    user, created = User.objects.get_or_create(username=DEMO_EDITOR)
    if created:
        user.set_unusable_password()
        user.save()
        grant(user, EDITOR)
    return user


def load_demo_resources() -> tuple[int, int]:
    """Create the demo resources that are missing; (created, already there)."""
    created = existing = 0
    for spec in RESOURCES:
        if Resource.objects.filter(title=spec["title"]).exists():
            existing += 1
            continue
        edition = Edition.objects.get_or_create(name=spec["edition"])[0]  # seeded by migration
        name, kind = spec["file"]
        upload = SimpleUploadedFile(name, MAKERS[kind](spec["lines"]))
        data = {k: spec[k] for k in ("title", "type", "grade", "volume", "unit", "description")}
        data.update(edition=edition.pk, tags_text=spec["tags"])
        form = UploadForm(data=data, files={"files": [upload]})
        if not form.is_valid():
            raise ValueError(f"demo resource {spec['title']!r}: {form.errors.as_text()}")
        process_now(create_resource(form, demo_editor()))  # `make run` shows their text at once
        created += 1
    return created, existing
