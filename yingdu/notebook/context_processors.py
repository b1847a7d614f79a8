"""The header's due count for signed-in learners, counted only when a page shows it.

Pages for anonymous visitors are cached and never show it; a signed-in user's pages are
never cached (yingdu.core.pagecache), so the count is always their own and current."""

from django.utils.functional import SimpleLazyObject


def notebook(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .service import due_count

    return {"notebook_due": SimpleLazyObject(lambda: due_count(user))}
