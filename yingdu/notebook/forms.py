"""Forms of the notebook pages: a rating on the review page, the daily goal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import schedule
from .models import Goal


class ReviewForm(forms.Form):
    card_id = forms.IntegerField(min_value=1)
    direction = forms.ChoiceField(choices=[(d, d) for d in schedule.DIRECTIONS])
    rating = forms.TypedChoiceField(coerce=int, choices=[(r, r) for r in schedule.RATINGS])
    key = forms.CharField(max_length=64)


class GoalForm(forms.ModelForm):
    reviews_per_day = forms.IntegerField(label=_("Reviews a day"), min_value=1, max_value=1000)
    new_words_per_day = forms.IntegerField(label=_("New words a day"), min_value=0, max_value=200)

    class Meta:
        model = Goal
        fields = ["reviews_per_day", "new_words_per_day", "spelling"]
