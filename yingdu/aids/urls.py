"""URLs of the reading aids' staff page (yingdu/aids/views.py)."""

from django.urls import path

from . import views

app_name = "aids"
urlpatterns = [
    path("staff/lexicon/", views.lexicon_page, name="lexicon"),
]
