"""The public takedown page (/takedown/): how a parent, teacher or author asks for a page's
removal, with a form stored for editors. CSRF-protected, never cached, rate-limited per
client (a hash of the address is counted for an hour, never stored in the database)."""

import hashlib

from django.core.cache import cache
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from .forms import TakedownRequestForm

REQUESTS_PER_HOUR = 5


def _counter_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return "takedown-requests:" + hashlib.sha256(address.encode()).hexdigest()


def _over_limit(request) -> bool:
    key = _counter_key(request)
    cache.add(key, 0, 3600)
    try:
        return cache.incr(key) > REQUESTS_PER_HOUR
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 3600)
        return False


@never_cache
@csrf_protect
def request_takedown(request):
    form = TakedownRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _over_limit(request):
            context = {"form": form, "limited": True}
            return render(request, "privacy/takedown.html", context, status=429)
        if form.is_valid():
            form.save()
            return redirect(f"{request.path}?sent=1")
        status = 400
    context = {"form": form, "sent": request.GET.get("sent") == "1"}
    return render(request, "privacy/takedown.html", context, status=status)
