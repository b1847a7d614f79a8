"""How a signed-in user is loaded on each request: Django's ModelBackend, except that the
user comes with their profile (the header's display name), notebook goal (the card types
and daily targets of every notebook page) and role names (the header's class links, every
role check) in one query instead of four.

Sessions made before this backend existed name Django's ModelBackend; each request reads
them as this one's (adopt_old_sessions), so an upgrade signs nobody out."""

from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models.expressions import RawSQL

from .roles import remember_group_names

ACCOUNT_BACKEND = "yingdu.accounts.backends.AccountBackend"
OLD_BACKEND = "django.contrib.auth.backends.ModelBackend"
# One-to-one rows read in the user's query: accounts.Profile, notebook.Goal.
LOADED_WITH_USER = ("profile", "notebook_goal")
NAME_SEPARATOR = "\x1f"  # ASCII unit separator: no group name an editor types holds it


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related(*LOADED_WITH_USER)
        try:
            user = users.annotate(yingdu_group_names=group_names_sql()).get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        names = user.__dict__.pop("yingdu_group_names") or ""
        remember_group_names(user, names.split(NAME_SEPARATOR) if names else ())
        return user if self.user_can_authenticate(user) else None


def group_names_sql() -> RawSQL:
    """The user's group names joined by NAME_SEPARATOR (a correlated subquery: Django 5.2
    has no portable string aggregate; PostgreSQL and SQLite spell theirs differently)."""
    quote = connection.ops.quote_name
    memberships = get_user_model().groups.through._meta
    user_table = quote(get_user_model()._meta.db_table)
    group_table, links = quote(Group._meta.db_table), quote(memberships.db_table)
    user_column = quote(memberships.get_field("user").column)
    group_column = quote(memberships.get_field("group").column)
    joined = (
        "STRING_AGG(g.name, %s)"
        if connection.vendor == "postgresql"
        else ("GROUP_CONCAT(g.name, %s)")
    )
    return RawSQL(
        f"SELECT {joined} FROM {group_table} g JOIN {links} ug ON ug.{group_column} = g.id "
        f"WHERE ug.{user_column} = {user_table}.id",
        (NAME_SEPARATOR,),
    )


class AdoptingAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, after adopting a session of the old backend."""

    def process_request(self, request):
        adopt_old_sessions(request.session)
        super().process_request(request)


def adopt_old_sessions(session) -> None:
    """In memory only: a request that reads stays a read (no session write, which many
    tabs at once would queue for); the change is stored with the session's next save."""
    if session.get(BACKEND_SESSION_KEY) == OLD_BACKEND:
        modified = session.modified
        session[BACKEND_SESSION_KEY] = ACCOUNT_BACKEND
        session.modified = modified
