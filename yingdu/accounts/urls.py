"""URLs of sign-up, log-in and log-out."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", views.login_view, name="login"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/logout/", views.logout_view, name="logout"),
]
