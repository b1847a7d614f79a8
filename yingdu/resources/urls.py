"""URLs of the teaching-resource library."""

from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("resources/", views.index, name="index"),
    path("resources/upload/", views.upload, name="upload"),
    path("resources/mine/", views.mine, name="mine"),
    path("resources/review/", views.review, name="review"),
    path("resources/review/teachers/<int:pk>/", views.decide_teacher, name="decide_teacher"),
    path("resources/<slug:slug>/", views.detail, name="detail"),
    path("resources/<slug:slug>/edit/", views.edit, name="edit"),
    path("resources/<slug:slug>/publish/", views.publish, name="publish"),
    path("resources/<slug:slug>/reject/", views.reject, name="reject"),
    path("resources/<slug:slug>/process/", views.process_again, name="process_again"),
    path("resources/<slug:slug>/delete/", views.delete, name="delete"),
    path("resources/<slug:slug>/files/<int:pk>/download/", views.download, name="download"),
    path("resources/<slug:slug>/files/<int:pk>/preview.png", views.preview, name="preview"),
]
