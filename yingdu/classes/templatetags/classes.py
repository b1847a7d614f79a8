"""{% classes_links %}: 我的班级 (teachers) and 我的作业 in the header of signed-in pages;
{% assignments_box %}: the home page's 我的作业 box (due, done, late) for a student in a class.
Both return nothing, without a query, for anonymous readers, whose pages are cached."""

from django import template

from yingdu.accounts.roles import is_teacher
from yingdu.classes import service

register = template.Library()
HOME_BOX_ITEMS = 5


@register.inclusion_tag("classes/links.html", takes_context=True)
def classes_links(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {"show": True, "teacher": is_teacher(user)}


@register.inclusion_tag("classes/home_box.html", takes_context=True)
def assignments_box(context):
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {"rows": []}
    assignments = service.student_assignments(request.user)
    waiting = [a for a in assignments if not a.done]
    return {
        "rows": (waiting or assignments)[:HOME_BOX_ITEMS],
        "waiting": len(waiting),
        "total": len(assignments),
    }
