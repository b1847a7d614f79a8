"""What classes do: create and join a class, remove students, archive; assign an item or a
worksheet; record a student's reading of an assigned item and mark it done; grade a worksheet
done online. Every function that takes a class id and a user answers only for the class's
teacher (`teacher_class`) or a member (`student_class`): anyone else gets None, shown as 404.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from html import unescape
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from yingdu.accounts.roles import is_teacher
from yingdu.core import kinds
from yingdu.lexicon import LEVELS

from . import joinlimit
from .models import (
    CODE_LENGTH,
    NAME_MAX,
    NOTE_MAX,
    Assignment,
    AssignmentProgress,
    Membership,
    SchoolClass,
)

# No 0/O, 1/I/L, 5/S or 2/Z: a code read aloud or copied from a board is typed right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
MAX_LOOKUPS = 200  # lemmas kept per student and assignment
MAX_SECONDS_PER_BEACON = 3600  # a tab left open all night counts one hour at most


class ClassError(ValueError):
    """A request a class cannot take; the message is for the user (Chinese first)."""


class WrongCode(ClassError):
    """A join code that names no open class: counted by joinlimit."""


def school_year(now: dt.datetime | None = None) -> str:
    """The Chinese school year of a date: from September, '2026-2027'."""
    day = timezone.localdate(now) if now else timezone.localdate()
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}-{start + 1}"


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(code: str) -> str:
    """What a student typed, as stored: upper case, spaces and dashes left out."""
    return re.sub(r"[\s\-]", "", code or "").upper()


def create_class(teacher, name: str, grade: str = "", year: str = "") -> SchoolClass:
    name = " ".join((name or "").split())
    if not name or len(name) > NAME_MAX:
        raise ClassError(f"请填写班级名称（不超过 {NAME_MAX} 个字）")
    for _attempt in range(10):  # 27^8 codes: a collision is rare, ten in a row impossible
        try:
            with transaction.atomic():
                return SchoolClass.objects.create(
                    teacher=teacher,
                    name=name,
                    grade=grade or "",
                    school_year=year or school_year(),
                    join_code=new_join_code(),
                )
        except IntegrityError:
            continue
    raise ClassError("无法生成班级码，请重试")


def teacher_classes(teacher, archived: bool = False):
    return SchoolClass.objects.filter(teacher=teacher, archived_at__isnull=not archived)


def teacher_class(user, class_id) -> SchoolClass | None:
    """The class if `user` teaches it; None for anyone else (and for a missing class)."""
    if not is_teacher(user):
        return None
    return SchoolClass.objects.filter(pk=class_id, teacher=user).first()


def student_classes(student):
    return SchoolClass.objects.filter(memberships__student=student, archived_at__isnull=True)


def join(student, code: str) -> tuple[SchoolClass, bool]:
    """(the class of the code, whether the student joined now). ClassError for a code that
    names no open class."""
    school_class = SchoolClass.objects.filter(join_code=normalize_code(code)).first()
    if school_class is None or school_class.archived:
        raise WrongCode("班级码不正确，或班级已归档")
    if school_class.teacher_id == student.pk:
        raise ClassError("不能加入自己的班级")
    _membership, created = Membership.objects.get_or_create(
        school_class=school_class, student=student
    )
    return school_class, created


def join_limited(student, code: str, ip: str) -> tuple[SchoolClass, bool]:
    """join() for a request from `ip`, behind the limit on wrong codes (joinlimit): the join
    page and the API both come here. joinlimit.TooManyFailures while locked."""
    joinlimit.check(student, ip)
    try:
        return join(student, code)
    except WrongCode:
        joinlimit.record_failure(student, ip)
        raise


def class_by_code_or_id(value: str) -> SchoolClass | None:
    """An open class named by its join code or its id (`yingdu users import`)."""
    value = (value or "").strip()
    open_classes = SchoolClass.objects.filter(archived_at__isnull=True)
    if value.isdigit():
        found = open_classes.filter(pk=int(value)).first()
        if found is not None:
            return found
    return open_classes.filter(join_code=normalize_code(value)).first()


def add_student(school_class: SchoolClass, student) -> bool:
    return Membership.objects.get_or_create(school_class=school_class, student=student)[1]


def members(school_class: SchoolClass) -> list:
    """The students of a class with their profiles, by display name."""
    from yingdu.accounts.users import display_name

    rows = (
        Membership.objects.filter(school_class=school_class)
        .select_related("student__profile")
        .order_by("joined_at", "id")
    )
    students = [row.student for row in rows]
    for student in students:
        student.shown_name = display_name(student)
    return sorted(students, key=lambda s: s.shown_name)


def remove_student(school_class: SchoolClass, student_id) -> bool:
    """Take a student out of the class with their progress on its assignments."""
    with transaction.atomic():
        removed = Membership.objects.filter(
            school_class=school_class, student_id=student_id
        ).delete()[0]
        AssignmentProgress.objects.filter(
            assignment__school_class=school_class, student_id=student_id
        ).delete()
    return bool(removed)


def archive(school_class: SchoolClass, now=None) -> None:
    school_class.archived_at = now or timezone.now()
    school_class.save(update_fields=["archived_at"])


def restore(school_class: SchoolClass) -> None:
    school_class.archived_at = None
    school_class.save(update_fields=["archived_at"])


# -- items and assignments ------------------------------------------------------------


def item_path(url: str) -> str:
    """The path of a site URL ('https://host/en/news/…/x/?a=1' -> '/news/…/x/')."""
    path = urlsplit((url or "").strip()).path or ""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            path = path[len(prefix) - 1 :]
    return path if path.endswith("/") else path + "/"


def item_at(url: str):
    """(kind, item) of the published English item at a path of the site; ClassError else."""
    path = item_path(url)
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    if slug:
        with translation.override(settings.LANGUAGE_CODE):
            for kind in kinds.all_kinds():
                if not kind.english:
                    continue
                for item in kind.published().filter(slug=slug).defer("reading"):
                    if item.get_absolute_url() == path:
                        return kind, item
    raise ClassError(f"站内没有这篇英语文章：{path}")


def assign(
    school_class: SchoolClass,
    url: str,
    level: str,
    due: dt.datetime,
    note: str = "",
    worksheet_types: list[str] | tuple[str, ...] = (),
    now=None,
) -> Assignment:
    """Assign the item at `url` (or, with `worksheet_types`, a worksheet made from it once,
    now, so every student gets the same one)."""
    if level not in LEVELS:
        raise ClassError("请选择级别")
    if school_class.archived:
        raise ClassError("班级已归档")
    if len(note or "") > NOTE_MAX:
        raise ClassError(f"备注不超过 {NOTE_MAX} 个字")
    if timezone.is_naive(due):
        due = timezone.make_aware(due)
    kind, item = item_at(url)
    worksheet = make_worksheet(item, level, worksheet_types) if worksheet_types else None
    with translation.override(settings.LANGUAGE_CODE):
        path = item.get_absolute_url()
    return Assignment.objects.create(
        school_class=school_class,
        item_kind=kind.key,
        item_id=item.pk,
        item_url=path,
        title=str(item.title)[:300],
        level=level,
        due=due,
        note=note or "",
        kind=Assignment.Kind.WORKSHEET if worksheet else Assignment.Kind.READING,
        worksheet=worksheet,
        created_at=now or timezone.now(),
    )


def make_worksheet(item, level: str, types) -> dict:
    from yingdu.aids.service import current_lexicon
    from yingdu.practice.service import item_text, pool_texts
    from yingdu.worksheets.generate import WorksheetError, generate

    lexicon = current_lexicon()
    if lexicon is None:
        raise ClassError("词库尚未构建，无法生成练习")
    try:
        return generate(
            item_text(item),
            level,
            types=list(types),
            title=str(item.title),
            source=f"英读：{item.title}",
            pool=pool_texts(exclude=item),
            lexicon=lexicon,
        )
    except WorksheetError as error:
        raise ClassError(str(error)) from None


def class_assignments(school_class: SchoolClass):
    return Assignment.objects.filter(school_class=school_class).order_by("-due", "-id")


def student_assignments(student) -> list[Assignment]:
    """Every assignment of the student's open classes, soonest due first, each with
    `.progress_row` (None before it is opened), `.done`, `.late` and `.overdue`."""
    assignments = list(
        Assignment.objects.filter(
            school_class__memberships__student=student, school_class__archived_at__isnull=True
        )
        .select_related("school_class")
        .defer("worksheet")
        .order_by("due", "id")
    )
    rows = AssignmentProgress.objects.filter(student=student, assignment__in=assignments)
    by_assignment = {row.assignment_id: row for row in rows.defer("answers", "lookups")}
    now = timezone.now()
    for assignment in assignments:
        row = by_assignment.get(assignment.pk)
        assignment.progress_row = row
        assignment.done = bool(row and row.done_at)
        assignment.late = bool(row and row.done_at and row.done_at > assignment.due)
        assignment.overdue = not assignment.done and assignment.due < now
    return assignments


def student_assignment(student, assignment_id) -> Assignment | None:
    """An assignment of one of the student's open classes, or None."""
    return (
        Assignment.objects.filter(
            pk=assignment_id,
            school_class__memberships__student=student,
            school_class__archived_at__isnull=True,
        )
        .select_related("school_class")
        .first()
    )


def assignments_for_item(user, kind_key: str, item_id: int) -> list[Assignment]:
    """The reading assignments of this item in the signed-in user's open classes (one query;
    callers check `is_authenticated` first, so anonymous readers cost nothing)."""
    return list(
        Assignment.objects.filter(
            item_kind=kind_key,
            item_id=item_id,
            kind=Assignment.Kind.READING,
            school_class__memberships__student=user,
            school_class__archived_at__isnull=True,
        ).defer("worksheet")
    )


def progress_of(student, assignment: Assignment, now=None) -> AssignmentProgress:
    """The student's row of the assignment, made (opened now) when there is none."""
    row, _created = AssignmentProgress.objects.get_or_create(
        assignment=assignment, student=student, defaults={"opened_at": now or timezone.now()}
    )
    return row


def record_open(student, assignments, now=None) -> set[int]:
    """The student opened assigned items: a progress row is made for each assignment opened
    for the first time (one SELECT on later visits). Returns the ids of those done."""
    now = now or timezone.now()
    seen = dict(
        AssignmentProgress.objects.filter(student=student, assignment__in=assignments).values_list(
            "assignment_id", "done_at"
        )
    )
    new = [AssignmentProgress(assignment=a, student=student, opened_at=now)
           for a in assignments if a.pk not in seen]  # fmt: skip
    if new:
        AssignmentProgress.objects.bulk_create(new, ignore_conflicts=True)
    return {assignment_id for assignment_id, done_at in seen.items() if done_at}


def record_reading(student, assignment, seconds: int, lookups, now=None) -> AssignmentProgress:
    """Add time on page and looked-up lemmas (sent by classes.js when the page is left)."""
    seconds = max(0, min(int(seconds), MAX_SECONDS_PER_BEACON))
    with transaction.atomic():
        progress_of(student, assignment)
        row = AssignmentProgress.objects.select_for_update().get(
            assignment=assignment, student=student
        )
        row.opened_at = row.opened_at or now or timezone.now()
        row.seconds += seconds
        words = [w for w in (clean_lemma(x) for x in lookups) if w]
        row.lookups = list(dict.fromkeys([*row.lookups, *words]))[:MAX_LOOKUPS]
        row.save(update_fields=["opened_at", "seconds", "lookups"])
    return row


def clean_lemma(word) -> str:
    word = " ".join(str(word or "").split()).lower()
    return word if 0 < len(word) <= 100 else ""


def mark_done(student, assignment, now=None) -> AssignmentProgress:
    now = now or timezone.now()
    row = progress_of(student, assignment)
    if row.done_at is None:
        row.done_at = now
        row.opened_at = row.opened_at or now
        row.save(update_fields=["done_at", "opened_at"])
    return row


# -- worksheets done online ------------------------------------------------------------

_SECTION = re.compile(r'<section class="ws-section" data-type="(\w+)">(.*?)</section>', re.S)
_FIELD = re.compile(r'class="ws-field" aria-label="([^"]*)"[^>]*?data-answer="([^"]*)"')
_NAMED = re.compile(r'class="ws-field"')
_KEY = re.compile(r'<section class="ws-key">.*?</section>', re.S)
_CHECK = re.compile(r'<p class="ws-score".*?</p>', re.S)
_ANSWER = re.compile(r'\sdata-answer="[^"]*"')


def questions(worksheet: dict) -> list[tuple[str, str, str]]:
    """(exercise type, question label, answer) of every field of the worksheet, in the order
    of its interactive page (the order of the answers a student sends)."""
    from yingdu.worksheets.render_html import worksheet_html

    html = worksheet_html(worksheet, interactive=True)
    return [
        (kind, unescape(label), unescape(answer))
        for kind, body in _SECTION.findall(html)
        for label, answer in _FIELD.findall(body)
    ]


def student_form_html(worksheet: dict) -> str:
    """The worksheet for a student to fill in on the site: every field named a0, a1, … (so it
    posts without JavaScript), without the answers, the answer key or the 检查答案 button."""
    from yingdu.worksheets.render_html import worksheet_html

    counter = iter(range(10_000))
    html = worksheet_html(worksheet, interactive=True).replace(
        'data-interactive="1"', 'data-interactive="0"'
    )
    html = _KEY.sub("", _CHECK.sub("", html))
    html = _NAMED.sub(lambda _m: f'name="a{next(counter)}" class="ws-field"', html)
    return _ANSWER.sub("", html)


def same_answer(given: str, answer: str) -> bool:
    return " ".join(given.split()).lower() == " ".join(answer.split()).lower()


def grade(worksheet: dict, answers: list[str], asked=None) -> tuple[dict, float, list[bool]]:
    """({type: [right, asked]}, share right, right or not per question); `asked` is
    questions(worksheet) when the caller grades many students' answers."""
    scores: dict[str, list[int]] = {}
    marks = []
    for n, (kind, _label, answer) in enumerate(asked or questions(worksheet)):
        given = answers[n] if n < len(answers) else ""
        right = same_answer(given or "", answer)
        marks.append(right)
        tally = scores.setdefault(kind, [0, 0])
        tally[0] += right
        tally[1] += 1
    return scores, (sum(marks) / len(marks) if marks else 0.0), marks


def submit_worksheet(student, assignment, answers: list[str], now=None) -> AssignmentProgress:
    """Save the student's answers and score; the assignment is done (kept: the first
    submission is the one graded, later ones are refused by the caller)."""
    now = now or timezone.now()
    answers = [str(a or "")[:100] for a in answers][:1000]
    scores, score, _marks = grade(assignment.worksheet, answers)
    with transaction.atomic():
        progress_of(student, assignment)
        row = AssignmentProgress.objects.select_for_update().get(
            assignment=assignment, student=student
        )
        if row.answers is None:
            row.answers, row.scores, row.score = answers, scores, score
            row.done_at = row.done_at or now
            row.opened_at = row.opened_at or now
            row.save(update_fields=["answers", "scores", "score", "done_at", "opened_at"])
    return row


def graded_answers(worksheet: dict, answers: list[str]) -> list[dict]:
    """Each question with the student's answer, the right one and whether they match."""
    marks = grade(worksheet, answers)[2]
    return [
        {
            "type": kind,
            "label": label,
            "answer": answer,
            "given": answers[n] if n < len(answers) else "",
            "right": marks[n],
        }
        for n, (kind, label, answer) in enumerate(questions(worksheet))
    ]
