"""URL of the public takedown page."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("takedown/", views.request_takedown, name="takedown"),
]
