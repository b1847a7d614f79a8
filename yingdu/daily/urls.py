"""URLs of 每日一词."""

from django.urls import path

from . import views

app_name = "daily"

urlpatterns = [
    path("daily/", views.index, name="index"),
    path("daily/<int:year>/<int:month>/", views.month, name="month"),
    path("daily/<slug:slug>/", views.detail, name="detail"),
]
