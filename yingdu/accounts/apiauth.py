"""Who is calling the learner API (/api/me/...): the signed-in session user.

Every learner endpoint uses `learner_auth`, so a caller without credentials gets 401 and a
learner only ever reaches their own rows (`request.auth` is the user). Bearer tokens are
added here, in one place, for all learner endpoints.
"""

from ninja.security import SessionAuth


class LearnerSessionAuth(SessionAuth):
    """The session user (CSRF checked by ninja for unsafe methods)."""


learner_auth = [LearnerSessionAuth()]
