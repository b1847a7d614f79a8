"""URLs of the learner's notebook pages."""

from django.urls import path

from . import views

app_name = "notebook"

urlpatterns = [
    path("notebook/", views.notebook, name="list"),
    path("notebook/<int:card_id>/delete/", views.delete, name="delete"),
    path("notebook/review/", views.review, name="review"),
    path("notebook/progress/", views.progress, name="progress"),
]
