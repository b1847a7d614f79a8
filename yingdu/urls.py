"""Root URLs: every public page in Chinese at /…, in English at /en/…; admin at /admin/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from yingdu.api import api
from yingdu.core import views as core_views

admin.site.site_header = "英读 Yingdu 管理"
admin.site.site_title = "英读 Yingdu"
admin.site.index_title = "内容管理"

handler404 = "yingdu.core.views.page_not_found"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", core_views.home, name="home"),
    path("", include("yingdu.news.urls")),
    path("", include("yingdu.daily.urls")),
    path("", include("yingdu.bilingual.urls")),
    path("", include("yingdu.compositions.urls")),
    path("", include("yingdu.resources.urls")),
    path("", include("yingdu.search.urls")),
    path("", include("yingdu.accounts.urls")),
    path("", include("yingdu.privacy.urls")),
    prefix_default_language=False,
)
