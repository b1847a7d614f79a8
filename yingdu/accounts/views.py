"""Sign-up, log-in (throttled) and log-out pages; never cached (they carry CSRF forms)."""

from django.contrib import admin
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from .forms import LoginForm, SignupForm
from .models import TeacherRequest


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
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
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
