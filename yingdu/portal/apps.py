"""App config for the portal's home page: a block of the latest items of every kind."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "yingdu.portal"
    verbose_name = _("Home")
