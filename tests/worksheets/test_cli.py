"""`yingdu worksheet`: JSON on standard output, files with -o, errors in Chinese."""

import json

from tests.conftest import run_yingdu
from tests.worksheets.conftest import HERE, POOL
from yingdu.cli import main
from yingdu.worksheets.generate import fill


def test_json_to_standard_output(pip_build, tmp_path, capsys):
    pool = tmp_path / "pool.txt"
    pool.write_text(POOL, encoding="utf-8")
    args = [
        "worksheet", str(HERE / "bikes.txt"), "--level", "中考", "--seed", "4",
        "--pool", str(pool), "--lexicon", str(pip_build[0]),
    ]  # fmt: skip
    assert main(args) == 0
    worksheet = json.loads(capsys.readouterr().out)
    assert worksheet["title"] == "bikes" and worksheet["level"] == "junior"
    assert worksheet["seed"] == 4
    text = (HERE / "bikes.txt").read_text(encoding="utf-8")
    assert all(fill(s) == text for s in worksheet["sections"] if "passage" in s)


def test_unknown_level_is_a_clear_error(pip_build, capsys):
    args = ["worksheet", str(HERE / "bikes.txt"), "--level", "hard"]
    assert main([*args, "--lexicon", str(pip_build[0])]) == 2
    assert "未知的级别" in capsys.readouterr().err


def test_runs_as_a_process_reading_standard_input(pip_build, fresh_env):
    text = (HERE / "bikes.txt").read_text(encoding="utf-8")
    done = run_yingdu(
        fresh_env, "worksheet", "-", "--level", "junior", "--types", "cloze,vocab",
        "--lexicon", str(pip_build[0]), input=text,
    )  # fmt: skip
    worksheet = json.loads(done.stdout)
    assert [s["type"] for s in worksheet["sections"]] == ["cloze", "vocab"]
