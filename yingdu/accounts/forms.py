"""Sign-up (a student account with a display name, optionally asking for the teacher role),
throttled log-in, and the settings page's forms (display name, API token, account deletion)."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import throttle
from .models import DISPLAY_NAME_MAX
from .roles import STUDENT, grant
from .users import clean_display_name, set_display_name

LOCKED_MESSAGE = _("Too many failed sign-in attempts. Please try again in %(minutes)s minutes.")


class DisplayNameField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Display name"), max_length=DISPLAY_NAME_MAX,
            help_text=_("The only thing others see of you, e.g. a nickname. No real name needed."),
            **kwargs,
        )  # fmt: skip

    def clean(self, value):
        return clean_display_name(super().clean(value))


class SignupForm(UserCreationForm):
    display_name = DisplayNameField()
    email = forms.EmailField(label=_("Email (optional)"), required=False)
    teacher = forms.BooleanField(
        label=_("I am a teacher and would like to upload resources"), required=False
    )
    school = forms.CharField(label=_("School (optional)"), max_length=100, required=False)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "display_name", "email"]
        help_texts = {"username": _("For signing in only; never shown to others.")}

    @transaction.atomic
    def save(self, commit=True):
        user = super().save(commit=True)
        set_display_name(user, self.cleaned_data["display_name"])
        grant(user, STUDENT)
        return user


class DisplayNameForm(forms.Form):
    display_name = DisplayNameField()


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"), max_length=50, required=False,
        help_text=_("For example the app or script that will use it."),
    )  # fmt: skip


class DeleteAccountForm(forms.Form):
    """The account's password, checked under the log-in throttle (same counter per IP
    address and user name), so a borrowed session cannot guess it."""

    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)

    def __init__(self, request, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = request.user
        self.ip = throttle.client_ip(request)

    def clean_password(self):
        password = self.cleaned_data["password"]
        username = self.user.get_username()
        if throttle.is_locked(self.ip, username):
            minutes = max(1, throttle.lock_seconds() // 60)
            raise ValidationError(LOCKED_MESSAGE, code="locked", params={"minutes": minutes})
        if not self.user.check_password(password):
            throttle.record_failure(self.ip, username)
            raise ValidationError(_("The password is not right."), code="wrong_password")
        return password


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
