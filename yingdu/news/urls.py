"""URLs of the news sections."""

from django.urls import path

from . import views
from .models import Section

app_name = "news"

urlpatterns = [
    path("news/international/", views.section_list(Section.INTERNATIONAL), name="international"),
    path(
        "news/international/<slug:slug>/",
        views.article_detail(Section.INTERNATIONAL),
        name="international_detail",
    ),
    path("news/domestic/", views.section_list(Section.DOMESTIC), name="domestic"),
    path(
        "news/domestic/<slug:slug>/",
        views.article_detail(Section.DOMESTIC),
        name="domestic_detail",
    ),
    path("zh-news/", views.section_list(Section.ZH), name="zh"),
    path("zh-news/<slug:slug>/", views.article_detail(Section.ZH), name="zh_detail"),
]
