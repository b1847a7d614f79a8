"""URLs of the job pages (yingdu/jobs/views.py)."""

from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("jobs/", views.job_list, name="list"),
    path("jobs/<int:pk>/", views.job_page, name="job"),
    path("jobs/<int:pk>/download/", views.download, name="download"),
    path("jobs/<int:pk>/retry/", views.retry, name="retry"),
]
