"""`yingdu users create|import|token`: a class's accounts from Excel CSVs (UTF-8 with BOM,
GBK), bad rows reported by line with the others created, no duplicates on a re-run, and
passwords never printed."""

import codecs

import pytest
from django.contrib.auth.models import User

from tests.conftest import run_yingdu
from yingdu.accounts.models import ApiToken
from yingdu.accounts.roles import role_name
from yingdu.accounts.tokens import user_for_token
from yingdu.cli import main

pytestmark = pytest.mark.django_db

GOOD = "Spring-Rain-2026"
CLASS_CSV = (
    "username,display_name,role,password\n"
    f"s01,小明,student,{GOOD}\n"
    f"s02,小红,学生,{GOOD}\n"
    ",无名,student,x\n"  # line 4: no user name
    "s03,小刚,student,123\n"  # line 5: weak password
    f"t01,李老师,teacher,{GOOD}\n"
    f"s01,又一个,student,{GOOD}\n"  # line 7: twice in the file
    f"s04,小东,principal,{GOOD}\n"  # line 8: no such role
)


@pytest.mark.parametrize(
    "encode",
    [lambda t: codecs.BOM_UTF8 + t.encode(), lambda t: t.encode(), lambda t: t.encode("gbk")],
    ids=["utf-8 with BOM", "utf-8", "gbk"],
)
def test_a_class_is_imported_and_a_rerun_creates_nothing(tmp_path, capsys, encode):
    csv_file = tmp_path / "class.csv"
    csv_file.write_bytes(encode(CLASS_CSV))
    assert main(["users", "import", str(csv_file)]) == 1
    out, err = capsys.readouterr()
    assert sorted(User.objects.values_list("username", flat=True)) == ["s01", "s02", "t01"]
    assert User.objects.get(username="s02").profile.display_name == "小红"
    assert role_name(User.objects.get(username="t01")) == "teacher"
    for line in ("line 4:", "line 5: s03", "line 7: s01", "line 8: s04"):
        assert line in err
    assert "3 created, 0 already there, 4 with errors" in out
    assert GOOD not in out + err and "123" not in err
    assert main(["users", "import", str(csv_file)]) == 1
    out, _ = capsys.readouterr()
    assert "0 created, 3 already there" in out and User.objects.count() == 3


def test_a_file_without_the_columns_is_refused(tmp_path, capsys):
    csv_file = tmp_path / "class.csv"
    csv_file.write_text("name,password\nli,x\n")
    assert main(["users", "import", str(csv_file)]) == 2
    assert "missing columns: username, display_name, role" in capsys.readouterr().err
    assert not User.objects.exists()


def test_create_and_token_in_process(capsys):
    assert main(["users", "create", "ed01", "--role", "editor", "--display-name", "王编辑"]) == 0
    editor = User.objects.get(username="ed01")
    assert role_name(editor) == "editor" and editor.is_staff and not editor.has_usable_password()
    assert main(["users", "create", "ed01", "--role", "student"]) == 1
    capsys.readouterr()
    assert main(["users", "token", "ed01"]) == 0
    secret = capsys.readouterr().out.strip()
    assert user_for_token(secret) == editor and ApiToken.objects.get().digest != secret
    assert main(["users", "token", "nobody"]) == 1


def test_create_reads_the_password_from_stdin_in_a_real_process(fresh_env):
    run_yingdu(fresh_env, "migrate", "--verbosity", "0")
    result = run_yingdu(
        fresh_env, "users", "create", "s09", "--role", "student", "--password-stdin",
        input=GOOD + "\n",
    )  # fmt: skip
    assert "created s09 (student), display name 学员" in result.stdout
    assert GOOD not in result.stdout + result.stderr
    check = (
        "from django.contrib.auth import authenticate as a; "
        f"print(a(username='s09', password='{GOOD}'))"
    )
    shell = run_yingdu(fresh_env, "manage", "shell", "-c", check)
    assert "s09" in shell.stdout
    token = run_yingdu(fresh_env, "users", "token", "s09").stdout.strip()
    assert token.startswith("yd_")
