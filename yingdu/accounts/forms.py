"""Sign-up (a visitor account, optionally asking for the teacher role) and throttled log-in."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from . import throttle

LOCKED_MESSAGE = _("Too many failed sign-in attempts. Please try again in %(minutes)s minutes.")


class SignupForm(UserCreationForm):
    email = forms.EmailField(label=_("Email (optional)"), required=False)
    teacher = forms.BooleanField(
        label=_("I am a teacher and would like to upload resources"), required=False
    )
    school = forms.CharField(label=_("School (optional)"), max_length=100, required=False)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email"]


class ThrottledLogin:
    """Mixed into an authentication form: refuses at once while the IP + user name pair is
    locked; counts failures (a non-staff account on the admin form counts too)."""

    def locked_error(self):
        minutes = max(1, throttle.lock_seconds() // 60)
        return ValidationError(LOCKED_MESSAGE, code="locked", params={"minutes": minutes})

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = throttle.client_ip(self.request)
        if throttle.is_locked(ip, username):
            raise self.locked_error()
        try:
            cleaned = super().clean()
        except ValidationError:
            if throttle.record_failure(ip, username) >= throttle.max_failures():
                raise self.locked_error() from None
            raise
        throttle.reset(ip, username)
        return cleaned

    @property
    def is_locked(self) -> bool:
        return self.has_error(NON_FIELD_ERRORS, "locked")


class LoginForm(ThrottledLogin, AuthenticationForm):
    """The site's log-in form."""


class AdminLoginForm(ThrottledLogin, AdminAuthenticationForm):
    """The admin's log-in form (/admin/login/), throttled like the site's."""
