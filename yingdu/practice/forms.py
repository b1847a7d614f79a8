"""The 生成练习 form (source, level, types, seed) and the 保存到资源库 facets."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yingdu.lexicon import BAND_LABELS, LEVELS
from yingdu.resources.models import Resource
from yingdu.worksheets.cloze import MAX_BLANKS
from yingdu.worksheets.generate import MAX_CHARS, TYPE_LABELS, TYPES


class WorksheetForm(forms.Form):
    kind = forms.CharField(required=False, widget=forms.HiddenInput)
    item = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=150, required=False)
    text = forms.CharField(
        label=_("English text"),
        required=False,
        max_length=MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 12, "lang": "en"}),
    )
    level = forms.ChoiceField(
        label=_("Level"), choices=[(code, BAND_LABELS[code]) for code in LEVELS], initial="senior"
    )
    types = forms.MultipleChoiceField(
        label=_("Exercises"),
        choices=[(t, TYPE_LABELS[t]) for t in TYPES],
        initial=list(TYPES),
        widget=forms.CheckboxSelectMultiple,
    )
    blanks = forms.IntegerField(
        label=_("Cloze blanks"), required=False, min_value=5, max_value=MAX_BLANKS
    )
    seed = forms.IntegerField(required=False, min_value=0, initial=0, widget=forms.HiddenInput)


class LibraryForm(forms.ModelForm):
    """The library's facets a saved worksheet is filed under (类型 is always 英语试题). They
    are checked on saving only: the browser must not hold back a preview or a download."""

    use_required_attribute = False

    class Meta:
        model = Resource
        fields = ["grade", "volume", "edition", "unit"]
