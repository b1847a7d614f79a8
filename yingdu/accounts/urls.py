"""URLs of sign-up, log-in, log-out and the account settings (export, deletion)."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", views.login_view, name="login"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/logout/", views.logout_view, name="logout"),
    path("accounts/settings/", views.settings_view, name="settings"),
    path("accounts/settings/export/", views.export_view, name="export"),
    path("accounts/settings/delete/", views.delete_view, name="delete"),
]
