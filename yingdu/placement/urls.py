"""URLs of the vocabulary test (词汇量测试)."""

from django.urls import path

from . import views

app_name = "placement"

urlpatterns = [
    path("placement/", views.start, name="start"),
    path("placement/<uuid:test_id>/", views.item, name="item"),
    path("placement/<uuid:test_id>/result/", views.result, name="result"),
    path("placement/<uuid:test_id>/notebook/", views.to_notebook, name="notebook"),
    path("suggested/", views.suggested, name="suggested"),
]
