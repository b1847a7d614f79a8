"""URLs of the bilingual section."""

from django.urls import path

from . import views

app_name = "bilingual"

urlpatterns = [
    path("bilingual/", views.index, name="index"),
    path("bilingual/<slug:slug>/", views.detail, name="detail"),
]
