"""Where axe-core is missing, the accessibility tests skip saying why, except in CI (CI=true),
where they fail: CI must install it (`make node_modules`)."""

import json

import pytest

from . import axe


def test_missing_axe_skips_with_the_reason(monkeypatch, tmp_path):
    monkeypatch.setattr(axe, "AXE_SCRIPT", tmp_path / "axe.min.js")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="make node_modules"):
        axe.axe_script_or_skip()


def test_missing_axe_fails_in_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(axe, "AXE_SCRIPT", tmp_path / "axe.min.js")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must install it"):
        axe.axe_script_or_skip()


def test_installed_axe_is_the_locked_version():
    script = axe.axe_script_or_skip()
    lock = json.loads((axe.ROOT / "package-lock.json").read_text(encoding="utf-8"))
    installed = json.loads((script.parent / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == lock["packages"]["node_modules/axe-core"]["version"]
