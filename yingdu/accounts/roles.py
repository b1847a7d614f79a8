"""Roles as Django groups: visitor (nobody signed in), student, teacher, editor.

Visitors browse and download; teachers also upload (their uploads wait for review);
editors publish, reject with a reason and edit, and their own uploads publish directly.
Superusers count as editors. Views ask `is_teacher` / `is_editor` or use `role_required`.
Importable before Django is set up (the `yingdu users` command lists ACCOUNT_ROLES).
"""

from functools import wraps

STUDENT = "student"
TEACHER = "teacher"
EDITOR = "editor"
ACCOUNT_ROLES = (STUDENT, TEACHER, EDITOR)  # the roles an account can be created with

# Model permissions the editor group gets, so an editor who is also staff can work in the
# admin on resources, editions and teacher requests (and nothing else).
EDITOR_PERMISSIONS = {
    "resources": ["resource", "resourcefile", "edition"],
    "accounts": ["teacherrequest"],
    "privacy": ["takedownrequest", "takedownlog"],
}


def group_names(user) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_yingdu_groups", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._yingdu_groups = cached
    return cached


def remember_group_names(user, names) -> None:
    """Keep the names of the user's groups, loaded with the user (accounts/backends.py)."""
    user._yingdu_groups = frozenset(names)


def is_editor(user) -> bool:
    return user.is_authenticated and (user.is_superuser or EDITOR in group_names(user))


def is_teacher(user) -> bool:
    """May upload: teachers, and editors (who may do everything a teacher may)."""
    return is_editor(user) or (user.is_authenticated and TEACHER in group_names(user))


def is_student(user) -> bool:
    """A signed-in learner: the student group. Teachers and editors may keep a notebook too,
    so learner features ask `user.is_authenticated`, not this."""
    return user.is_authenticated and STUDENT in group_names(user)


def role_name(user) -> str:
    if is_editor(user):
        return EDITOR
    if is_teacher(user):
        return TEACHER
    if is_student(user):
        return STUDENT
    return "visitor"


def grant(user, role: str) -> None:
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get_or_create(name=role)[0])
    user.__dict__.pop("_yingdu_groups", None)


def role_required(check):
    """View decorator: sign-in page for anonymous users, a 403 page for the wrong role."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            from django.contrib.auth.views import redirect_to_login
            from django.shortcuts import render

            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                return render(request, "accounts/forbidden.html", status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


teacher_required = role_required(is_teacher)
editor_required = role_required(is_editor)


def ensure_groups(**kwargs):
    """post_migrate: the two groups exist, and editors hold the content permissions."""
    from django.contrib.auth.models import Group, Permission

    Group.objects.get_or_create(name=STUDENT)
    Group.objects.get_or_create(name=TEACHER)
    editors, _ = Group.objects.get_or_create(name=EDITOR)
    for app_label, models in EDITOR_PERMISSIONS.items():
        perms = Permission.objects.filter(
            content_type__app_label=app_label, content_type__model__in=models
        )
        editors.permissions.add(*perms)
