"""URLs of 生成练习."""

from django.urls import path

from . import views

app_name = "practice"

urlpatterns = [
    path("worksheets/new/", views.new, name="new"),
]
