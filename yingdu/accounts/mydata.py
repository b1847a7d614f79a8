"""A learner's own data: the account's sections of the export, and deleting an account.

The account section (user name, display name, e-mail, dates, role, teacher request) and the
API-token section are registered in yingdu.accounts.owned like every app's sections, so the
export (`GET /api/me/export`, the settings page's button) and the deletion (`DELETE /api/me`,
the confirm page) both walk one registry.
"""

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from . import owned
from .models import ApiToken, Profile, TeacherRequest
from .roles import role_name
from .users import display_name


def _when(value):
    return value.isoformat() if value else None


def export_account(user) -> dict:
    request = TeacherRequest.objects.filter(user=user).first()
    asked = request and {
        "school": request.school, "state": request.state, "created": _when(request.created_at)
    }  # fmt: skip
    return {
        "username": user.get_username(),
        "display_name": display_name(user),
        "email": user.email,
        "role": role_name(user),
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
        "teacher_request": asked,
    }


def delete_account_rows(user) -> int:
    profiles, _ = Profile.objects.filter(user=user).delete()
    requests, _ = TeacherRequest.objects.filter(user=user).delete()
    return profiles + requests


def export_tokens(user) -> list[dict]:
    return [
        {"name": t.name, "prefix": t.prefix, "created": _when(t.created_at),
         "last_used": _when(t.last_used_at)}
        for t in ApiToken.objects.filter(user=user)
    ]  # fmt: skip


def delete_tokens(user) -> int:
    return ApiToken.objects.filter(user=user).delete()[0]


def register_sections() -> None:
    owned.register("account", export=export_account, delete=delete_account_rows)
    owned.register("api_tokens", export=export_tokens, delete=delete_tokens)


def export_everything(user) -> dict:
    return {"exported_at": timezone.now().isoformat(), **owned.export_all(user)}


def end_sessions(user) -> int:
    """Delete every stored session signed in as `user` (sessions live in the database)."""
    user_id = str(user.pk)
    mine = [
        session.pk
        for session in Session.objects.iterator(chunk_size=2000)
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    return Session.objects.filter(pk__in=mine).delete()[0]


@transaction.atomic
def delete_account(user) -> dict[str, int]:
    """Every registered section of `user`, their sessions, then the user (with anything
    left that cascades from it). Returns the rows removed per section."""
    removed = owned.delete_all(user)
    removed["sessions"] = end_sessions(user)
    user.delete()
    return removed
