"""API tokens for the learner API (`Authorization: Bearer TOKEN`).

A token is `yd_` and 40 random URL-safe characters, shown once when it is made. Only its
SHA-256 is stored (a random secret of 240 bits needs no slow hash), with the first characters
kept visible so the learner can tell their tokens apart when revoking one.
"""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from .models import ApiToken

TOKEN_PREFIX = "yd_"
VISIBLE_CHARS = 10  # "yd_" and 7 characters of the secret, shown in the list of tokens
LAST_USED_PRECISION = timedelta(hours=1)  # last_used_at is written at most once an hour


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user, name: str = "") -> tuple[ApiToken, str]:
    """A new token row for `user` and the secret, which is not stored and cannot be shown
    again."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(30)
    row = ApiToken.objects.create(
        user=user, name=name.strip()[:50], prefix=secret[:VISIBLE_CHARS], digest=digest(secret)
    )
    return row, secret


def user_for_token(secret: str):
    """The active user a token belongs to, or None (unknown, revoked, inactive user)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    row = ApiToken.objects.select_related("user").filter(digest=digest(secret)).first()
    if row is None or not row.user.is_active:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


def revoke_token(user, token_id: int) -> bool:
    """Delete one of `user`'s tokens; False when `user` has no token with that id."""
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return bool(deleted)
