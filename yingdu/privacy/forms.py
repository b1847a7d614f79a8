"""The public takedown request form and the editors' take-down confirmation form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RequestStatus, TakedownRequest


class TakedownRequestForm(forms.ModelForm):
    class Meta:
        model = TakedownRequest
        fields = ["relation", "name", "contact", "page_url", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 5})}


class TakeDownForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (kept in the takedown log)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )
    takedown_request = forms.ModelChoiceField(
        label=_("Takedown request it answers"),
        queryset=TakedownRequest.objects.filter(status=RequestStatus.NEW),
        required=False,
    )
