"""Teaching resources in the registry of content kinds (yingdu.core.kinds): how search
describes one and which facets narrow resource results (类型, 年级, 册别, 版本). Demo
resources are made by yingdu.demo.resources through the upload path, not from content.json."""

from django.utils.translation import gettext_lazy as _

from yingdu.core.kinds import Kind

from .models import Edition, Grade, Resource, ResourceType, Volume


def describe(item) -> dict:
    return {
        "title": item.title,
        "text": f"{item.description} {item.unit} {item.edition.name} {item.text}",
        "resource_type": item.type,
        "grade": item.grade,
        "volume": item.volume,
        "edition": item.edition.slug,
    }


def search_facets() -> list[tuple]:
    """(search filter column, label, [(value, label)]) for the search results page."""
    return [
        ("resource_type", _("Type"), ResourceType.choices),
        ("grade", _("Grade"), Grade.choices),
        ("volume", _("Volume"), Volume.choices),
        ("edition", _("Edition"), list(Edition.objects.values_list("slug", "name"))),
    ]


def kinds() -> list[Kind]:
    return [
        Kind(
            key="resources",
            model=Resource,
            label=_("Teaching resources"),
            list_url="resources:index",
            order=60,
            search_number=6,
            aliases=("resource",),
            describe=describe,
            search_facets=search_facets,
        )
    ]
