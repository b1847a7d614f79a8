"""Making accounts (sign-up, `yingdu users create|import`) and what is shown of them: the
display name, never the user name or a real name."""

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import DISPLAY_NAME_MAX, Profile
from .roles import ACCOUNT_ROLES, EDITOR, grant


def clean_display_name(value: str) -> str:
    """The display name as stored: spaces collapsed; ValidationError when empty, too long
    or holding control characters."""
    name = " ".join((value or "").split())
    if not name:
        raise ValidationError(_("Choose a display name."), code="required")
    if len(name) > DISPLAY_NAME_MAX:
        raise ValidationError(
            _("A display name has at most %(n)s characters."), params={"n": DISPLAY_NAME_MAX}
        )
    if any(not ch.isprintable() for ch in name):
        raise ValidationError(_("A display name cannot hold control characters."))
    return name


def display_name(user) -> str:
    """What the site shows of an account: its display name. Accounts made before display
    names existed (operators' and editors' accounts) fall back to the user name."""
    profile = getattr(user, "profile", None)  # a missing profile raises an AttributeError
    return profile.display_name if profile else user.get_username()


def set_display_name(user, name: str) -> None:
    Profile.objects.update_or_create(user=user, defaults={"display_name": name})


@transaction.atomic
def create_account(username: str, *, role: str, display_name: str, password: str | None):
    """A new user with `role` and a profile; `password` None leaves it unusable. Raises
    ValidationError (in the user's language) for a taken name or a weak password."""
    if role not in ACCOUNT_ROLES:
        raise ValidationError(_("Unknown role %(role)s.") % {"role": role})
    name = clean_display_name(display_name)
    user = User(username=username, is_staff=role == EDITOR)  # editors work in the admin
    user.full_clean(exclude=["password"])  # user name rules, and taken names
    if password is not None:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    Profile.objects.create(user=user, display_name=name)
    grant(user, role)
    return user
