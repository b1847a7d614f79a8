"""`yingdu users import` with a class column: each account (new or existing) joins the class
named by its join code or id; a class that does not exist is an error of that row only."""

import pytest
from django.contrib.auth.models import User

from tests.learners.conftest import make_learner
from yingdu.accounts.roles import TEACHER
from yingdu.classes import service
from yingdu.classes.models import Membership
from yingdu.cli import main

pytestmark = pytest.mark.django_db
GOOD = "Spring-Rain-2026"


def test_the_class_column_puts_accounts_in_classes(tmp_path, capsys):
    teacher = make_learner("t_wang", TEACHER, "王老师")
    first = service.create_class(teacher, "初一（1）班", "j1")
    second = service.create_class(teacher, "初一（2）班", "j1")
    existing = make_learner("s09", display_name="小九")
    csv_file = tmp_path / "class.csv"
    csv_file.write_text(
        "username,display_name,role,password,class\n"
        f"s01,小明,student,{GOOD},{first.join_code.lower()}\n"
        f"s02,小红,student,{GOOD},{second.pk}\n"
        f"s03,小刚,student,{GOOD},NOSUCH99\n"  # line 4: no such class
        f"s04,小东,student,{GOOD},\n"
        f"s09,小九,student,{GOOD},{first.join_code}\n",  # exists: joins all the same
        encoding="utf-8-sig",
    )
    assert main(["users", "import", str(csv_file)]) == 1
    out, err = capsys.readouterr()
    assert "line 4: s03: no open class 'NOSUCH99'" in err
    assert not User.objects.filter(username="s03").exists()
    members = set(Membership.objects.values_list("school_class_id", "student__username"))
    assert members == {(first.pk, "s01"), (second.pk, "s02"), (first.pk, existing.username)}
    assert "3 created, 1 already there, 1 with errors" in out
    assert main(["users", "import", str(csv_file)]) == 1  # a re-run joins nobody twice
    assert Membership.objects.count() == 3
