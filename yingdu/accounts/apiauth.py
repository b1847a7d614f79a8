"""Who is calling the learner API (/api/me/...): a bearer token or the signed-in session.

Every learner endpoint uses `learner_auth`, so a caller without credentials gets 401 and a
learner only ever reaches their own rows (`request.auth` is the user, and so is
`request.user`, whichever way they signed in). `Authorization: Bearer TOKEN` is tried first
(no cookie, so no CSRF check); otherwise the session, with CSRF checked by ninja for unsafe
methods. Tokens are made on the settings page or with `yingdu users token NAME`
(yingdu/accounts/tokens.py).
"""

from ninja.security import HttpBearer, SessionAuth

from .tokens import user_for_token


class LearnerTokenAuth(HttpBearer):
    """`Authorization: Bearer yd_…`: the token's user, or None to try the session."""

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user  # rate limits and views read request.user
        return user


class LearnerSessionAuth(SessionAuth):
    """The session user (CSRF checked by ninja for unsafe methods). A request without a
    session cookie has no credentials at all: 401, not ninja's 403 for a failed CSRF check."""

    def _get_key(self, request):
        if not request.COOKIES.get(self.param_name):
            return None
        return super()._get_key(request)


learner_auth = [LearnerTokenAuth(), LearnerSessionAuth()]
