"""URLs of the learner's vocabulary page (我的词汇)."""

from django.urls import path

from . import views

app_name = "learners"

urlpatterns = [
    path("me/vocabulary/", views.vocabulary, name="vocabulary"),
]
