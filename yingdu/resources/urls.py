"""URLs of the teaching-resource library."""

from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [path("resources/", views.index, name="index")]
