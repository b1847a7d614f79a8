"""Root URLs: every public page in Chinese at /…, in English at /en/…; admin at /admin/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from yingdu.accounts.forms import AdminLoginForm
from yingdu.accounts.views import admin_login
from yingdu.api import api

admin.site.site_header = "英读 Yingdu 管理"
admin.site.site_title = "英读 Yingdu"
admin.site.index_title = "内容管理"
admin.site.login_form = AdminLoginForm  # every log-in form goes through the same throttle

handler404 = "yingdu.core.views.page_not_found"

urlpatterns = [
    path("admin/login/", admin_login),  # before admin/: the same view, 429 while locked
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", include("yingdu.portal.urls")),
    path("", include("yingdu.news.urls")),
    path("", include("yingdu.daily.urls")),
    path("", include("yingdu.bilingual.urls")),
    path("", include("yingdu.compositions.urls")),
    path("", include("yingdu.resources.urls")),
    path("", include("yingdu.practice.urls")),
    path("", include("yingdu.search.urls")),
    path("", include("yingdu.accounts.urls")),
    path("", include("yingdu.learners.urls")),
    path("", include("yingdu.privacy.urls")),
    path("", include("yingdu.notebook.urls")),
    path("", include("yingdu.placement.urls")),
    path("", include("yingdu.jobs.urls")),
    path("", include("yingdu.aids.urls")),
    path("", include("yingdu.classes.urls")),
    prefix_default_language=False,
)
