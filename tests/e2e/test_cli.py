"""The `newsweave` command as a user runs it: outputs, exit codes, one-line errors."""

from __future__ import annotations

import importlib.metadata
import json
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from newsweave.cli import build_parser, main, printable

from .conftest import REPO_ROOT, SEEDS_DIR

SEED_FILES = sorted(SEEDS_DIR.glob("*.txt"))


def _run(*args: str) -> subprocess.CompletedProcess:
    """Run the installed command as a new process, as a user would."""
    command = [str(Path(sys.executable).parent / "newsweave"), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT, timeout=300)


def test_json_output_follows_the_contract():
    result = _run("brief", str(SEEDS_DIR), "--format", "json")
    assert result.returncode == 0, result.stderr
    briefing = json.loads(result.stdout)
    assert briefing["schema"] == "newsweave.briefing/1"
    for key in ("story", "sources", "summary", "agreements", "conflicts", "single_source", "quotes",
                "entities", "timeline", "framing", "removed"):
        assert key in briefing
    assert [s["id"] for s in briefing["sources"]] == ["S1", "S2", "S3", "S4", "S5"]
    assert result.stderr == ""


def test_bad_inputs_are_named_on_one_line_each_and_the_rest_is_briefed(tmp_path):
    good = [tmp_path / f"good{i}.txt" for i in range(2)]
    for path, seed in zip(good, SEED_FILES):
        shutil.copy(seed, path)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "notes.xyz").write_text("whatever")
    (tmp_path / "broken.jsonl").write_text('{"text": "fine enough"}\n{not json\n')
    missing = tmp_path / "missing.txt"
    result = _run("brief", str(tmp_path), str(missing), "--format", "json")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    for name in ("empty.txt", "binary.txt", "notes.xyz", "broken.jsonl:2", "missing.txt"):
        assert any(name in line for line in lines), f"{name} not reported: {lines}"
    briefing = json.loads(result.stdout)
    assert len(briefing["sources"]) >= 2


def test_usage_errors_exit_with_2(capsys):
    assert main(["brief"]) == 2  # neither PATHs nor --story
    assert "PATH" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["brief", str(SEEDS_DIR), "--words", "zero"])
    assert exit_info.value.code == 2


def test_nothing_usable_exits_1_without_traceback(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("   \n")
    assert main(["brief", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "empty.txt" in err and "nothing to brief" in err and "Traceback" not in err


def test_html_output_is_written_to_a_file(tmp_path):
    target = tmp_path / "briefing.html"
    result = _run("brief", *map(str, SEED_FILES), "--format", "html", "-o", str(target))
    assert result.returncode == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page and "<script" not in page


def test_word_budget_is_respected(tmp_path, capsys):
    assert main(["brief", str(SEEDS_DIR), "--format", "json", "--words", "60"]) == 0
    briefing = json.loads(capsys.readouterr().out)
    assert 0 < sum(len(s["text"].split()) for s in briefing["summary"]) <= 60


def test_an_article_pasted_twice_counts_one_origin(tmp_path, capsys):
    for name in ("a.txt", "b.txt"):
        shutil.copy(SEED_FILES[0], tmp_path / name)
    shutil.copy(SEED_FILES[4], tmp_path / "c.txt")
    assert main(["brief", str(tmp_path), "--format", "json"]) == 0
    briefing = json.loads(capsys.readouterr().out)
    copies = [s for s in briefing["sources"] if s["copy_of"]]
    assert [(s["id"], s["copy_of"]) for s in copies] == [("S2", "S1")]
    assert any("copy" in note and "one origin" in note for note in briefing["notes"])
    for agreement in briefing["agreements"]:
        assert not {"S1", "S2"} <= set(agreement["sources"]), "a copy must not confirm its own origin"


def test_unrelated_articles_are_flagged_and_still_briefed(tmp_path, capsys):
    shutil.copy(SEED_FILES[0], tmp_path / "a.txt")
    shutil.copy(SEED_FILES[1], tmp_path / "b.txt")
    (tmp_path / "c.txt").write_text(
        "Gardeners in the valley reported a record crop of pumpkins this autumn. The largest weighed "
        "more than four hundred kilograms, according to the show's judges. Growers credited a wet spring "
        "and long, warm evenings in August. The annual fair will award prizes for the heaviest, the "
        "roundest and the most unusual squash on Saturday, and organisers expect several thousand visitors.",
        encoding="utf-8",
    )
    assert main(["brief", str(tmp_path), "--format", "json"]) == 0
    briefing = json.loads(capsys.readouterr().out)
    assert len(briefing["sources"]) == 3
    assert any("S3" in note and "different event" in note for note in briefing["notes"])


def test_every_command_and_option_is_documented_in_the_readme():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001 - argparse keeps them here
    for name, command in commands.items():
        assert f"newsweave {name}" in readme
        for action in command._actions:  # noqa: SLF001
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in readme, f"{name} {option} is not in README.md"


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_a_single_article_is_briefed(fmt, capsys):
    assert main(["brief", str(SEED_FILES[2]), "--format", fmt]) == 0
    assert capsys.readouterr().out.strip()


def test_no_traceback_even_on_internal_errors(monkeypatch, capsys):
    import newsweave.pipeline as pipeline

    def explode(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "brief_paths", explode)
    monkeypatch.delenv("NEWSWEAVE_DEBUG", raising=False)
    assert main(["brief", str(SEEDS_DIR)]) == 1
    err = capsys.readouterr().err
    assert "internal error" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert os.environ.get("NEWSWEAVE_DEBUG") is None


def test_huge_and_script_only_files_are_refused_in_one_line(tmp_path, capsys):
    shutil.copy(SEED_FILES[0], tmp_path / "a.txt")
    with open(tmp_path / "huge.txt", "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    (tmp_path / "scripts.html").write_text(
        "<html><head><script>alert(1)</script></head><body><script>document.write('x')</script>"
        "<noscript>enable scripts</noscript></body></html>",
        encoding="utf-8",
    )
    assert main(["brief", str(tmp_path), "--format", "json"]) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert any("huge.txt" in line and "200.0 MB" in line for line in lines), lines
    assert any("scripts.html" in line for line in lines), lines
    assert "Traceback" not in err


def _run_with(*args: str, stdin: bytes = b"", cwd: Path = REPO_ROOT, env: dict[str, str] | None = None,
              command: Sequence[str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the installed command (or `command`) with bytes on standard input."""
    argv = [*(command or [str(Path(sys.executable).parent / "newsweave")]), *args]
    return subprocess.run(argv, input=stdin, capture_output=True, cwd=cwd, env=env, timeout=300)


def test_version_from_the_script_and_from_python_dash_m(tmp_path):
    expected = f"newsweave {importlib.metadata.version('newsweave')}"
    assert _run_with("--version", cwd=tmp_path).stdout.decode().strip() == expected
    as_module = _run_with("--version", cwd=tmp_path, command=[sys.executable, "-m", "newsweave"])
    assert as_module.returncode == 0 and as_module.stdout.decode().strip() == expected


def test_python_dash_m_runs_the_same_command(tmp_path):
    result = _run_with("brief", str(SEED_FILES[0]), "--format", "json", cwd=tmp_path,
                       command=[sys.executable, "-m", "newsweave"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema"] == "newsweave.briefing/1"


def test_brief_reads_standard_input_in_the_place_it_is_named(tmp_path):
    piped = SEED_FILES[0].read_bytes()
    result = _run_with("brief", str(SEED_FILES[1]), "-", "--format", "json", stdin=piped, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    sources = json.loads(result.stdout)["sources"]
    assert [s["path"] for s in sources] == [str(SEED_FILES[1]), "-"]
    assert sources[1]["outlet"] == "Reuters"  # the piped seed's own dateline was read


def test_output_dash_means_standard_output(tmp_path):
    result = _run_with("brief", str(SEED_FILES[0]), "--format", "json", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema"] == "newsweave.briefing/1"
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("command", [["ingest", "-", "--db", "deep.db", "--quiet"], ["brief", "-"]])
def test_deeply_nested_json_on_standard_input_is_one_line_naming_it(tmp_path, command):
    result = _run_with(*command, stdin=b"[" * 100_000 + b"\n", cwd=tmp_path)
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "newsweave: -: invalid JSON (nested too deeply)\n" in err, err
    assert "internal error" not in err and "Traceback" not in err and "RecursionError" not in err


def test_control_characters_in_input_names_are_escaped(tmp_path):
    shutil.copy(SEED_FILES[0], tmp_path / "good.txt")
    (tmp_path / "red\x1b[31m\nfake line.xyz").write_text("whatever")
    (tmp_path / "bell\x07.txt").write_text("")
    result = _run_with("brief", str(tmp_path), "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "\x1b" not in err and "\x07" not in err
    lines = err.splitlines()
    assert any("red\\x1b[31m\\nfake line.xyz: unsupported file type" in line for line in lines), lines
    assert any("bell\\x07.txt: " in line for line in lines), lines
    assert len(lines) == 2, lines  # one line per problem: the newline in a name cannot make a third


def test_printable_escapes_what_moves_the_cursor_and_keeps_the_rest():
    assert printable("a\x1b[2Jb\r\n\tc\x7f\x9b") == "a\\x1b[2Jb\\r\\n\\tc\\x7f\\x9b"
    assert printable("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert printable("Zürich café 日本 👩‍👩‍👧") == "Zürich café 日本 👩‍👩‍👧"


def _stderr_on_a_terminal(args: Sequence[str], cwd: Path) -> tuple[int, str]:
    """Run the command with standard error on a pseudo-terminal; return its status and what it showed."""
    leader, follower = pty.openpty()
    environ = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "TTY_COMPATIBLE")}
    environ.update(TERM="xterm-256color", COLUMNS="120")
    process = subprocess.Popen([str(Path(sys.executable).parent / "newsweave"), *args], cwd=cwd, env=environ,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    shown = bytearray()
    deadline = time.monotonic() + 300  # hang guard only
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1.0)
        if not ready:
            if process.poll() is not None:
                break
            continue
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process has ended
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return process.wait(timeout=60), shown.decode("utf-8", "replace")


def test_brief_shows_progress_on_a_terminal_and_not_with_quiet(tmp_path):
    # Not on a pipe either: test_json_output_follows_the_contract checks that standard error stays empty.
    brief = ["brief", str(SEED_FILES[0]), "-o", str(tmp_path / "b.md")]
    status, shown = _stderr_on_a_terminal(brief, tmp_path)
    assert status == 0 and "briefing: " in shown and "parsing and embedding sentences" in shown, shown
    status, shown = _stderr_on_a_terminal([*brief, "--quiet"], tmp_path)
    assert status == 0 and "briefing" not in shown, shown
