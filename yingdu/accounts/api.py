"""Learner API for the account itself: `GET /api/me/export` (all the learner's data as JSON)
and `DELETE /api/me` (the account and every row that belongs to it; 204)."""

from django.contrib.auth import logout
from ninja import Router, Status

from yingdu.aids.api import Message
from yingdu.api import charge

from .apiauth import learner_auth
from .mydata import delete_account, export_everything

router = Router(tags=["learner: account"], auth=learner_auth)


@router.get("/me/export", response={200: dict, 401: Message, 429: Message})
def export_my_data(request):
    """Everything stored for the learner, one section per feature (account, known words,
    API tokens without their secrets, and the notebook when present)."""
    charge(request)
    return export_everything(request.auth)


@router.delete("/me", response={204: None, 401: Message})
def delete_me(request):
    """Delete the account and every row that belongs to it (notebook, reviews, known words,
    tokens, sessions). Cannot be undone."""
    user = request.auth
    logout(request)  # this request's session, if it has one; the others go with the account
    delete_account(user)
    return Status(204, None)
