"""Sign-up, log-in (throttled), log-out, and a signed-in user's settings page (display name,
API tokens, data export, account deletion); never cached (they carry CSRF forms)."""

import json

from django.contrib import admin, messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from yingdu.jobs.service import start as start_job

from .backends import ACCOUNT_BACKEND
from .forms import DeleteAccountForm, DisplayNameForm, LoginForm, SignupForm, TokenForm
from .models import ApiToken, TeacherRequest
from .mydata import delete_account, export_everything
from .tokens import create_token, revoke_token
from .users import display_name, set_display_name


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("resources:index")


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.is_locked:
            response.status_code = 429
        return response


login_view = never_cache(LoginView.as_view())


def admin_login(request):
    """/admin/login/ with the throttled AdminLoginForm (set on admin.site in yingdu/urls.py),
    answering 429 while locked like the site's log-in page."""
    response = admin.site.login(request)
    form = (getattr(response, "context_data", None) or {}).get("form")
    if getattr(form, "is_locked", False):
        response.status_code = 429
    return response


@never_cache
@csrf_protect
def signup(request):
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        if form.cleaned_data["teacher"]:
            TeacherRequest.objects.create(user=user, school=form.cleaned_data["school"])
        login(request, user, backend=ACCOUNT_BACKEND)
        return redirect(_next_url(request))
    return render(request, "accounts/signup.html", {"form": form, "next": _next_url(request)})


@never_cache
@csrf_protect
def logout_view(request):
    """GET asks for confirmation; POST signs out (a link alone can't sign anyone out)."""
    if request.method == "POST":
        logout(request)
        return redirect("home")
    return render(request, "accounts/logout.html")


def _settings_page(request, *, name_form=None, token_form=None, new_token=None, status=200):
    context = {
        "name_form": name_form
        or DisplayNameForm(initial={"display_name": display_name(request.user)}),
        "token_form": token_form or TokenForm(),
        "tokens": ApiToken.objects.filter(user=request.user),
        "new_token": new_token,
    }
    return render(request, "accounts/settings.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request):
    """我的账户: display name, API tokens (a new one shown once), export, delete."""
    if request.method == "GET":
        return _settings_page(request)
    action = request.POST.get("action")
    if action == "display_name":
        form = DisplayNameForm(request.POST)
        if not form.is_valid():
            return _settings_page(request, name_form=form, status=400)
        set_display_name(request.user, form.cleaned_data["display_name"])
        messages.success(request, _("Your display name is saved."))
    elif action == "create_token":
        form = TokenForm(request.POST)
        if not form.is_valid():
            return _settings_page(request, token_form=form, status=400)
        secret = create_token(request.user, form.cleaned_data["name"])[1]
        return _settings_page(request, new_token=secret)  # shown this once, never stored
    elif action == "revoke_token":
        token = request.POST.get("token", "")
        if token.isdigit() and revoke_token(request.user, int(token)):
            messages.success(request, _("The token is revoked."))
    return redirect("accounts:settings")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def export_view(request):
    """All the user's data as a JSON download (the same as GET /api/me/export); POST (the
    settings page's button) prepares the file in a background job and shows its page."""
    if request.method == "POST":
        job = start_job("data_export", request.user)
        return redirect("jobs:job", pk=job.pk)
    data = json.dumps(export_everything(request.user), ensure_ascii=False, indent=1)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="yingdu-my-data-{stamp}.json"'
    return response


@never_cache
@csrf_protect
@login_required
def delete_view(request):
    """Asks for the password, then deletes the account and everything that belongs to it."""
    form = DeleteAccountForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account(user)
        return render(request, "accounts/deleted.html")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/delete.html", {"form": form}, status=status)
