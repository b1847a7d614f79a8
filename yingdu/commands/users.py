"""`yingdu users create|import|token`: accounts for a school without the web forms.

    yingdu users create NAME --role student|teacher|editor [--display-name X] [--password-stdin]
    yingdu users import FILE.csv     columns username, display_name, role, password
                                     and optionally class (a join code or class id)
    yingdu users token NAME          prints a new API token

The CSV may be UTF-8 (with or without the BOM Excel writes) or GBK/GB18030 (Excel's "CSV" on
Chinese Windows). Each row is created on its own: a bad row is reported with its line number
and the others are created; a user name that exists already is left unchanged, so running the
same file again creates nothing twice. A `class` column puts each account (new or existing)
into that class (班级: its join code or its id); a class that does not exist is an error of
that row, and its account is not created. Passwords are never printed.
"""

import codecs
import csv
import io
import secrets
import sys
from pathlib import Path

from yingdu.accounts.roles import ACCOUNT_ROLES

COLUMNS = ("username", "display_name", "role", "password")
OPTIONAL_COLUMNS = ("class",)
# Role names a school's spreadsheet may use besides the canonical ones.
ROLE_ALIASES = {"学生": "student", "教师": "teacher", "老师": "teacher", "编辑": "editor"}


def register(subparsers) -> None:
    users = subparsers.add_parser("users", help="create accounts, import a class, make API tokens")
    sub = users.add_subparsers(dest="users_command", required=True)

    create = sub.add_parser("create", help="create one account")
    create.add_argument("name", help="user name for signing in (never shown to others)")
    create.add_argument("--role", choices=ACCOUNT_ROLES, required=True)
    create.add_argument("--display-name", help="shown on the site (default: 学员 and a number)")
    create.add_argument(
        "--password-stdin", action="store_true",
        help="read the password from the first line of standard input (else none is set)",
    )  # fmt: skip
    create.set_defaults(func=cmd_create, needs_django=True)

    imp = sub.add_parser("import", help="create the accounts of a CSV file")
    imp.add_argument("file", type=Path, help="CSV with the columns " + ", ".join(COLUMNS))
    imp.set_defaults(func=cmd_import, needs_django=True)

    token = sub.add_parser("token", help="print a new API token of an account")
    token.add_argument("name", help="user name")
    token.add_argument("--label", default="cli", help="the token's name in the settings page")
    token.set_defaults(func=cmd_token, needs_django=True)


def _messages(error) -> str:
    return "; ".join(str(message) for message in error.messages)


def default_display_name() -> str:
    return f"学员{secrets.randbelow(9000) + 1000}"


def cmd_create(args) -> int:
    from django.core.exceptions import ValidationError

    from yingdu.accounts.users import create_account

    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            print("yingdu users create: no password on standard input", file=sys.stderr)
            return 2
    name = args.display_name or default_display_name()
    try:
        create_account(args.name, role=args.role, display_name=name, password=password)
    except ValidationError as error:
        print(f"yingdu users create: {args.name}: {_messages(error)}", file=sys.stderr)
        return 1
    print(f"created {args.name} ({args.role}), display name {name}")
    if password is None:
        print("no password set: use --password-stdin, or `yingdu manage changepassword NAME`")
    return 0


def decode_csv(data: bytes) -> str:
    """Text of a CSV file: UTF-8 with or without BOM, else GB18030 (a superset of GBK)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read_rows(text: str):
    """(line number, row dict with the COLUMNS) of each non-empty row; ValueError naming the
    missing columns when the header lacks some."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    reader.fieldnames = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in COLUMNS if column not in reader.fieldnames]
    if missing:
        raise ValueError("missing columns: " + ", ".join(missing))
    for row in reader:
        values = {column: (row.get(column) or "") for column in COLUMNS + OPTIONAL_COLUMNS}
        if any(value.strip() for value in values.values()):
            yield reader.line_num, values


def import_row(row: dict, seen: dict[str, int], line: int) -> str:
    """Create the account of one row: "created" or "exists"; ValueError says what is wrong."""
    from django.contrib.auth.models import User
    from django.core.exceptions import ValidationError

    from yingdu.accounts.users import create_account

    username = row["username"].strip()
    role = ROLE_ALIASES.get(row["role"].strip(), row["role"].strip().lower())
    if not username:
        raise ValueError("no username")
    if username.lower() in seen:
        raise ValueError(f"{username}: already on line {seen[username.lower()]}")
    seen[username.lower()] = line
    school_class = _class_of(row["class"], username)
    existing = User.objects.filter(username__iexact=username).first()
    if existing is not None:
        _join(school_class, existing)
        return "exists"
    if role not in ACCOUNT_ROLES:
        raise ValueError(f"{username}: role must be one of {', '.join(ACCOUNT_ROLES)}")
    if not row["password"]:
        raise ValueError(f"{username}: no password")
    try:
        user = create_account(
            username, role=role, display_name=row["display_name"], password=row["password"]
        )
    except ValidationError as error:
        raise ValueError(f"{username}: {_messages(error)}") from None
    _join(school_class, user)
    return "created"


def _class_of(value: str, username: str):
    """The class a row names (join code or id), None for an empty cell; ValueError else."""
    if not value.strip():
        return None
    from yingdu.classes.service import class_by_code_or_id

    school_class = class_by_code_or_id(value)
    if school_class is None:
        raise ValueError(f"{username}: no open class {value.strip()!r} (join code or class id)")
    return school_class


def _join(school_class, user) -> None:
    if school_class is not None and user.pk != school_class.teacher_id:
        from yingdu.classes.service import add_student

        add_student(school_class, user)


def cmd_import(args) -> int:
    try:
        text = decode_csv(args.file.read_bytes())
        rows = list(read_rows(text))
    except (OSError, ValueError, csv.Error) as error:
        print(f"yingdu users import: {args.file}: {error}", file=sys.stderr)
        return 2
    counts = {"created": 0, "exists": 0, "errors": 0}
    seen: dict[str, int] = {}
    for line, row in rows:
        try:
            outcome = import_row(row, seen, line)
        except ValueError as error:
            counts["errors"] += 1
            print(f"line {line}: {error}", file=sys.stderr)
            continue
        counts[outcome] += 1
        if outcome == "exists":
            print(f"line {line}: {row['username'].strip()} exists already, left unchanged")
    print(
        f"{counts['created']} created, {counts['exists']} already there, "
        f"{counts['errors']} with errors"
    )
    return 1 if counts["errors"] else 0


def cmd_token(args) -> int:
    from django.contrib.auth.models import User

    from yingdu.accounts.tokens import create_token

    user = User.objects.filter(username=args.name).first()
    if user is None:
        print(f"yingdu users token: no user {args.name}", file=sys.stderr)
        return 1
    secret = create_token(user, args.label)[1]
    print(secret)
    print("shown once: store it now; revoke it on the settings page", file=sys.stderr)
    return 0
