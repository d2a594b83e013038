"""Files and folders: walking order, dotfiles, unsupported types, missing or unreadable paths."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.sources import files as files_module
from newsweave.sources import load_inputs

UNSUPPORTED_TOML = "unsupported file type '.toml' (expected .txt, .md, .html, .htm, .json, .jsonl)"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folders_are_walked_depth_first_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "second")
    write(tmp_path / "a" / "z.txt", "first, inside folder a")
    write(tmp_path / "c" / "d" / "e.md", "third, two folders down")
    write(tmp_path / "c" / "f.txt", "fourth")

    result = load_inputs([str(tmp_path)])
    assert result.problems == ()
    assert [document.text for document in result.documents] == [
        "first, inside folder a",
        "second",
        "third, two folders down",
        "fourth",
    ]
    assert result.documents[0].path == os.path.join(str(tmp_path), "a", "z.txt")


def test_inputs_keep_the_order_given(tmp_path: Path) -> None:
    later = write(tmp_path / "a.txt", "named last")
    earlier = write(tmp_path / "z.txt", "named first")
    result = load_inputs([str(earlier), str(later)])
    assert [document.text for document in result.documents] == ["named first", "named last"]


def test_dotfiles_and_dot_folders_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / ".hidden.txt", "hidden")
    write(tmp_path / ".git" / "notes.txt", "hidden too")
    write(tmp_path / "visible.txt", "shown")
    result = load_inputs([str(tmp_path)])
    assert [document.text for document in result.documents] == ["shown"]
    assert result.problems == ()


def test_dotfile_named_outright_is_loaded(tmp_path: Path) -> None:
    hidden = write(tmp_path / ".draft.txt", "asked for by name")
    assert [document.text for document in load_inputs([str(hidden)]).documents] == ["asked for by name"]


def test_unsupported_files_in_a_folder_are_reported_in_place(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "kept")
    settings_file = write(tmp_path / "b.toml", "key = 1")
    no_extension = write(tmp_path / "c", "no extension")
    result = load_inputs([str(tmp_path)])
    assert [document.text for document in result.documents] == ["kept"]
    assert [(problem.input, problem.problem) for problem in result.problems] == [
        (str(settings_file), UNSUPPORTED_TOML),
        (str(no_extension), "unsupported file type: no extension (expected .txt, .md, .html, .htm, .json, .jsonl)"),
    ]


def test_unsupported_file_named_outright_gets_the_same_problem(tmp_path: Path) -> None:
    named = write(tmp_path / "config.toml", "key = 1")
    (problem,) = load_inputs([str(named)]).problems
    assert (problem.input, problem.problem) == (str(named), UNSUPPORTED_TOML)


def test_missing_path_is_reported_and_the_rest_still_load(tmp_path: Path) -> None:
    good = write(tmp_path / "ok.txt", "still loaded")
    missing = str(tmp_path / "nowhere" / "gone.txt")
    result = load_inputs([missing, str(good)])
    assert [document.text for document in result.documents] == ["still loaded"]
    assert [(problem.input, problem.problem) for problem in result.problems] == [(missing, "no such file or folder")]


def test_path_through_a_file_is_reported_as_missing(tmp_path: Path) -> None:
    a_file = write(tmp_path / "story.txt", "text")
    through = os.path.join(str(a_file), "child.txt")
    (problem,) = load_inputs([through]).problems
    assert problem.input == through
    assert problem.problem.startswith("no such file or folder")


def test_path_with_nul_character_is_a_problem_not_a_crash() -> None:
    (problem,) = load_inputs(["bad\x00name.txt"]).problems
    assert "NUL" in problem.problem


def test_permission_denied_becomes_a_one_line_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, where chmod 000 still reads; make the open itself refuse instead.
    locked = write(tmp_path / "locked.txt", "secret")
    readable = write(tmp_path / "open.txt", "public")

    real_open = open

    def refusing_open(path: str, *args: object, **kwargs: object) -> object:
        if os.fspath(path) == str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(files_module, "open", refusing_open, raising=False)
    result = load_inputs([str(locked), str(readable)])
    assert [document.text for document in result.documents] == ["public"]
    assert [(problem.input, problem.problem) for problem in result.problems] == [
        (str(locked), "cannot read: permission denied")
    ]


def test_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "private"
    write(folder / "a.txt", "inside")

    def refusing_scandir(path: str) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", path)

    monkeypatch.setattr(files_module.os, "scandir", refusing_scandir)
    result = load_inputs([str(folder)])
    assert result.documents == ()
    assert [(problem.input, problem.problem) for problem in result.problems] == [
        (str(folder), "cannot read: permission denied")
    ]


def test_special_file_is_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it for reading would block forever
    (problem,) = load_inputs([str(fifo)]).problems
    assert (problem.input, problem.problem) == (str(fifo), "not a regular file or folder")


def test_broken_symlink_in_a_folder_is_reported(tmp_path: Path) -> None:
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    (problem,) = load_inputs([str(tmp_path)]).problems
    assert (problem.input, problem.problem) == (str(link), "no such file or folder")


def test_a_file_reached_twice_is_loaded_once(tmp_path: Path) -> None:
    story = write(tmp_path / "story.txt", "only once")
    result = load_inputs([str(tmp_path), str(story)])
    assert [document.text for document in result.documents] == ["only once"]
    assert result.problems[0].input == str(story)
    assert "already loaded" in result.problems[0].problem


def test_symlink_loop_does_not_walk_forever(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", "one story")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    result = load_inputs([str(tmp_path)])
    assert [document.text for document in result.documents] == ["one story"]


def test_size_limit_applies_inside_folders(tmp_path: Path) -> None:
    write(tmp_path / "a_small.txt", "short")
    big = write(tmp_path / "b_big.txt", "long text " * 50)
    result = load_inputs([str(tmp_path)], Settings(max_input_bytes=100))
    assert [document.text for document in result.documents] == ["short"]
    assert result.problems[0].input == str(big)
    assert "larger than the 100 bytes limit" in result.problems[0].problem


def test_pathlike_inputs_are_accepted(tmp_path: Path) -> None:
    story = write(tmp_path / "story.txt", "from a Path")
    assert [document.text for document in load_inputs([story]).documents] == ["from a Path"]


def test_a_single_string_instead_of_a_list_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        load_inputs(str(tmp_path))  # type: ignore[arg-type]


def test_problems_are_always_one_line(tmp_path: Path) -> None:
    write(tmp_path / "bad.json", "{\n\n")
    write(tmp_path / "bin.txt", "\x00\x01\x02\x03" * 10)
    write(tmp_path / "x.pdf", "%PDF")
    result = load_inputs([str(tmp_path), str(tmp_path / "missing")])
    assert len(result.problems) == 4
    assert all("\n" not in str(problem) for problem in result.problems)
