"""Users of every role, and a media folder of the test's own."""

from tests.practice.conftest import student  # noqa: F401
from tests.resources.conftest import (  # noqa: F401
    client_for,
    editor,
    make_user,
    media,
    teacher,
    visitor,
)
