"""Forms of the class pages: create a class, join one, assign an item or a worksheet."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yingdu.core.grades import Grade
from yingdu.lexicon import BAND_LABELS, LEVELS
from yingdu.worksheets.generate import TYPE_LABELS, TYPES

from .models import CODE_LENGTH, NAME_MAX, NOTE_MAX


class ClassForm(forms.Form):
    name = forms.CharField(label=_("Class name"), max_length=NAME_MAX)
    grade = forms.ChoiceField(label=_("Grade"), required=False, choices=[("", "—"), *Grade.choices])


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Join code"),
        max_length=CODE_LENGTH * 2,
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        ),
    )


class AssignForm(forms.Form):
    url = forms.CharField(
        label=_("Article link"),
        max_length=300,
        help_text=_("The address of an English article of this site, e.g. /news/international/…/"),
    )
    level = forms.ChoiceField(
        label=_("Level"), choices=[(c, BAND_LABELS[c]) for c in LEVELS], initial="junior"
    )
    due = forms.DateTimeField(
        label=_("Due"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )
    note = forms.CharField(label=_("Note"), max_length=NOTE_MAX, required=False)
    worksheet = forms.MultipleChoiceField(
        label=_("Worksheet exercises (leave empty to assign reading)"),
        required=False,
        choices=[(t, TYPE_LABELS[t]) for t in TYPES],
        widget=forms.CheckboxSelectMultiple,
    )
