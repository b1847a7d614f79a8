"""The plain-Python packages never import Django, so they stay fast to load and to test.

Each package and every module in it is imported in a fresh interpreter (nothing else loaded
before), which then reports whether Django got imported along the way.
"""

from pathlib import Path

import pytest

from tests.conftest import PLAIN_PACKAGES, run_python

ROOT = Path(__file__).resolve().parents[1]

IMPORT_ALL = """
import importlib, pkgutil, sys
package = importlib.import_module({name!r})
for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    importlib.import_module(module.name)
print("django" in sys.modules)
"""


def imports_django(name: str, *path: Path) -> bool:
    """Whether importing package ``name`` and all its modules, in a fresh interpreter whose
    import path starts with ``path``, loads Django."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(map(str, path))}
    done = run_python(env, "-c", IMPORT_ALL.format(name=name), timeout=120)
    return done.stdout.split() == ["True"]


@pytest.mark.parametrize("name", PLAIN_PACKAGES)
def test_plain_package_does_not_import_django(name):
    assert not imports_django(name, ROOT)


def test_a_module_importing_django_is_seen(tmp_path):
    package = tmp_path / "layered"
    package.mkdir()
    (package / "__init__.py").write_text('"""Plain so far."""\n')
    (package / "deep.py").write_text("from django.utils.text import slugify  # noqa\n")
    assert imports_django("layered", tmp_path, ROOT)


PLAIN_MODULES = ["yingdu.placement.engine", "yingdu.placement.pool", "yingdu.placement.coverage",
                 "yingdu.placement.simulate"]  # fmt: skip
IMPORT_ONE = (
    "import importlib, sys; importlib.import_module({name!r}); print('django' in sys.modules)"
)


@pytest.mark.parametrize("name", PLAIN_MODULES)
def test_plain_module_of_a_django_app_does_not_import_django(name):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    done = run_python(env, "-c", IMPORT_ONE.format(name=name), timeout=120)
    assert done.stdout.split() == ["False"]
