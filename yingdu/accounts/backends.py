"""How a signed-in user is loaded on each request: Django's ModelBackend, except that the
user comes with their profile (the header's display name) and notebook goal (the card
types and daily targets of every notebook page) in one query instead of three.

Sessions made before this backend existed name Django's ModelBackend; each request reads
them as this one's (adopt_old_sessions), so an upgrade signs nobody out."""

from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware

ACCOUNT_BACKEND = "yingdu.accounts.backends.AccountBackend"
OLD_BACKEND = "django.contrib.auth.backends.ModelBackend"
# One-to-one rows read in the user's query: accounts.Profile, notebook.Goal.
LOADED_WITH_USER = ("profile", "notebook_goal")


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related(*LOADED_WITH_USER)
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


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
