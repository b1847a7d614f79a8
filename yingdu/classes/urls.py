"""URLs of the class pages (teachers), joining a class and 我的作业 (students)."""

from django.urls import path

from . import reading, views

app_name = "classes"

urlpatterns = [
    path("classes/", views.mine, name="mine"),
    path("classes/join/", views.join, name="join"),
    path("classes/<int:class_id>/", views.detail, name="detail"),
    path("classes/<int:class_id>/poster/", views.poster, name="poster"),
    path("classes/<int:class_id>/remove/", views.remove, name="remove"),
    path("classes/<int:class_id>/archive/", views.archive, name="archive"),
    path("classes/<int:class_id>/assign/", views.assign, name="assign"),
    path("classes/<int:class_id>/export.csv", views.export_csv, name="export"),
    path("classes/<int:class_id>/words/", views.words, name="words"),
    path("classes/<int:class_id>/words/deck.apkg", views.words_deck, name="words_deck"),
    path("classes/<int:class_id>/assignments/<int:assignment_id>/", views.report, name="report"),
    path("assignments/", views.my_assignments, name="my_assignments"),
    path("assignments/<int:assignment_id>/", views.work, name="work"),
    path("assignments/<int:assignment_id>/done/", reading.done, name="done"),
    path("assignments/reading/", reading.beacon, name="beacon"),
]
