"""URLs of the composition section."""

from django.urls import path

from . import views

app_name = "compositions"

urlpatterns = [
    path("compositions/", views.index, name="index"),
    path("compositions/<slug:slug>/", views.detail, name="detail"),
]
