"""Classes in the JSON API (session or bearer token), mounted in yingdu/api.py.

Teachers: POST/GET /api/classes, GET /api/classes/{id}/students, POST
/api/classes/{id}/assignments, GET /api/classes/{id}/words?url=. Students: POST
/api/classes/join, GET /api/me/assignments. A class's data is answered only to its teacher:
anyone else (another teacher, a student) gets 404, as for a class that does not exist, and a
caller who is not a teacher gets 403 when creating a class.
"""

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from yingdu.accounts.apiauth import learner_auth
from yingdu.accounts.ratelimit import client_ip
from yingdu.accounts.roles import is_teacher
from yingdu.aids.api import Message
from yingdu.api import api, charge
from yingdu.grades import CODES
from yingdu.lexicon import LEVELS
from yingdu.worksheets.generate import TYPES

from . import joinlimit, preteach, service
from .models import CODE_LENGTH, NAME_MAX, NOTE_MAX

router = Router(tags=["classes (班级)"], auth=learner_auth)
NO_CLASS = "没有这个班级 (no such class of yours)"


class ClassIn(Schema):
    name: str = Field(
        ...,
        min_length=1,
        max_length=NAME_MAX,
        pattern=r"\S",
        description="班级名称, e.g. 初二（3）班",
    )
    grade: Literal[CODES] | None = Field(None, description="a grade code (p1 … s3, college)")


class ClassCreated(Schema):
    id: int
    join_code: str


class ClassOut(Schema):
    id: int
    name: str
    grade: str
    school_year: str
    join_code: str | None = Field(None, description="for the class's teacher only")
    students: int | None = Field(None, description="for the class's teacher only")
    archived: bool


class ClassList(Schema):
    items: list[ClassOut]


class JoinIn(Schema):
    code: str = Field(..., min_length=1, max_length=CODE_LENGTH * 2, description="the join code")


class Joined(Schema):
    id: int
    name: str


class ClassStudent(Schema):
    id: int
    display_name: str
    joined: dt.datetime


class ClassStudentList(Schema):
    items: list[ClassStudent]


class AssignmentIn(Schema):
    url: str = Field(
        ..., min_length=1, max_length=300, description="the path of an English item of the site"
    )
    level: Literal[LEVELS] = Field(..., description="the reading level (band code)")
    due: dt.datetime
    note: str = Field("", max_length=NOTE_MAX)
    worksheet: list[Literal[TYPES]] = Field(
        [],
        max_length=len(TYPES),
        description="exercise types: assign a worksheet made from the item instead of reading",
    )


class AssignmentCreated(Schema):
    id: int


class MyAssignment(Schema):
    id: int
    title: str
    url: str
    due: dt.datetime
    done: bool
    late: bool
    kind: Literal["reading", "worksheet"]
    class_name: str
    note: str


class MyAssignmentList(Schema):
    items: list[MyAssignment]


class WordsQuery(Schema):
    url: Annotated[str, Field(min_length=1, max_length=300, description="an item path")]


class PreTeachWord(Schema):
    lemma: str
    students: int = Field(..., description="students of the class who do not know it")
    band: str
    gloss: str


class PreTeachList(Schema):
    items: list[PreTeachWord]


def own_class(request, class_id: int):
    school_class = service.teacher_class(request.auth, class_id)
    if school_class is None:
        raise HttpError(404, NO_CLASS)
    return school_class


def class_out(school_class, teacher: bool) -> dict:
    return {
        "id": school_class.pk,
        "name": school_class.name,
        "grade": school_class.grade,
        "school_year": school_class.school_year,
        "archived": school_class.archived,
        "join_code": school_class.join_code if teacher else None,
        "students": getattr(school_class, "student_count", None) if teacher else None,
    }


@router.post("/classes", response={201: ClassCreated, 403: Message, 422: Message})
def create_class(request, payload: ClassIn):
    """Create a class (teachers): its id and join code."""
    charge(request)
    if not is_teacher(request.auth):
        return Status(403, {"detail": "只有教师可以创建班级 (teachers only)"})
    try:
        school_class = service.create_class(request.auth, payload.name, payload.grade or "")
    except service.ClassError as error:
        return Status(422, {"detail": str(error)})
    return Status(201, {"id": school_class.pk, "join_code": school_class.join_code})


@router.get("/classes", response=ClassList)
def list_classes(request):
    """A teacher's own open classes (with join codes and sizes); a student's classes."""
    charge(request)
    from django.db.models import Count

    user = request.auth
    if is_teacher(user):
        rows = service.teacher_classes(user).annotate(student_count=Count("memberships"))
        return {"items": [class_out(c, True) for c in rows]}
    return {"items": [class_out(c, False) for c in service.student_classes(user)]}


@router.post("/classes/join", response={200: Joined, 404: Message, 429: Message})
def join_class(request, payload: JoinIn):
    """Join a class with its code (students): the class's id and name. After too many wrong
    codes from the account or its address (shared with the join page) 429 with Retry-After."""
    charge(request)
    try:
        school_class, _joined = service.join_limited(request.auth, payload.code, client_ip(request))
    except joinlimit.TooManyFailures as locked:
        response = api.create_response(request, {"detail": str(locked)}, status=429)
        response["Retry-After"] = str(locked.retry_after)
        return response
    except service.ClassError as error:
        return Status(404, {"detail": str(error)})
    return {"id": school_class.pk, "name": school_class.name}


@router.get("/classes/{int:class_id}/students", response={200: ClassStudentList, 404: Message})
def class_students(request, class_id: int):
    """The students of a class by display name (the class's teacher only)."""
    charge(request)
    school_class = own_class(request, class_id)
    joined = dict(
        service.Membership.objects.filter(school_class=school_class).values_list(
            "student_id", "joined_at"
        )
    )
    items = [
        {"id": s.pk, "display_name": s.shown_name, "joined": joined[s.pk]}
        for s in service.members(school_class)
    ]
    return {"items": items}


@router.post(
    "/classes/{int:class_id}/assignments",
    response={201: AssignmentCreated, 404: Message, 409: Message, 422: Message},
)
def create_assignment(request, class_id: int, payload: AssignmentIn):
    """Assign an English item of the site to read at a level, or (`worksheet`: exercise
    types) a worksheet made from it, due at a time (the class's teacher only). 404 for an
    item path that names no published English item, 409 for an archived class, 422 when the
    text cannot make the worksheet."""
    charge(request)
    school_class = own_class(request, class_id)
    if school_class.archived:
        return Status(409, {"detail": "班级已归档 (the class is archived)"})
    try:
        service.item_at(payload.url)
    except service.ClassError as error:
        return Status(404, {"detail": str(error)})
    try:
        assignment = service.assign(
            school_class,
            payload.url,
            payload.level,
            payload.due,
            payload.note,
            worksheet_types=payload.worksheet,
        )
    except service.ClassError as error:
        return Status(422, {"detail": str(error)})
    return Status(201, {"id": assignment.pk})


@router.get("/me/assignments", response=MyAssignmentList)
def my_assignments(request):
    """My assignments in every class I am in, soonest due first."""
    charge(request)
    items = [
        {
            "id": a.pk,
            "title": a.title,
            "url": a.item_url,
            "due": a.due,
            "done": a.done,
            "late": a.late,
            "kind": a.kind,
            "class_name": a.school_class.name,
            "note": a.note,
        }
        for a in service.student_assignments(request.auth)
    ]
    return {"items": items}


@router.get("/classes/{int:class_id}/words", response={200: PreTeachList, 404: Message})
def class_words(request, class_id: int, query: Query[WordsQuery]):
    """The pre-teach list of an item for a class (the class's teacher only): the words of
    the text the most students do not know (from their known words, vocabulary test,
    notebook cards and lookups), most students first."""
    charge(request)
    school_class = own_class(request, class_id)
    try:
        _kind, item = service.item_at(query.url)
    except service.ClassError as error:
        return Status(404, {"detail": str(error)})
    return {"items": preteach.pre_teach(school_class, item)}
