"""`{{ user|display_name }}`: what pages show of an account (never the user name of a
student; see yingdu/accounts/users.py)."""

from django import template

from yingdu.accounts import users

register = template.Library()


@register.filter
def display_name(user) -> str:
    return users.display_name(user)
