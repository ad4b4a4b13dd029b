"""The command's files and streams (issue 14: findings 1 and 11): ``-o`` never replaces
anything but a regular file, inputs that would block are refused before they can, and no
I/O or encoding failure ends in a traceback."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import guidestyle
from guidestyle._cli import main

from .conftest import DATA, ROOT

ANSWERS = str(ROOT / "examples" / "answers" / "situation.yaml")
SCORE = ["score", "situation", ANSWERS]


def report() -> str:
    situation = guidestyle.builtin("situation")
    return guidestyle.render(  # what score prints: the summary
        guidestyle.score(situation, guidestyle.load_answers(ANSWERS)), situation, details=False
    )


@contextmanager
def fifo_reader(path: Path) -> Iterator[list[bytes]]:
    """A FIFO at ``path`` with a thread reading it; what it read is in the list after."""
    os.mkfifo(path)
    read: list[bytes] = []

    def drain() -> None:
        with open(path, "rb") as fifo:
            read.append(fifo.read())

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    yield read
    reader.join(timeout=10)


@contextmanager
def unblocked_after(path: Path, seconds: float = 5) -> Iterator[None]:
    """If a read of the FIFO at ``path`` blocks, end it after a while (with no data), so that
    a regression fails on its output instead of hanging the tests."""

    def release() -> None:
        with open(path, "wb"):
            pass

    timer = threading.Timer(seconds, release)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def run(*arguments: str, **options: object) -> subprocess.CompletedProcess[str]:
    """``guidestyle ARGUMENTS`` in a process of its own; its output captured unless given."""
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **options}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "guidestyle", *arguments],
        text=True,
        timeout=60,
        check=False,
        **streams,
    )


# -o FILE ------------------------------------------------------------------------------------


def test_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    with fifo_reader(fifo) as read:
        assert main([*SCORE, "-o", str(fifo)]) == 0
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert read == [report().encode("utf-8")]
    assert sorted(tmp_path.iterdir()) == [fifo]  # no temporary file left beside it


def test_a_symlink_to_a_fifo_is_refused_and_neither_is_touched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo, link = tmp_path / "pipe", tmp_path / "report.txt"
    os.mkfifo(fifo)
    link.symlink_to(fifo)
    with unblocked_after(fifo):
        assert main([*SCORE, "-o", str(link)]) == 1
    assert capsys.readouterr().err == (
        f"cannot write {link}: it is a symbolic link to a named pipe (FIFO), not to a regular file\n"
    )
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.readlink(link) == str(fifo)
    assert sorted(tmp_path.iterdir()) == [fifo, link]


def test_a_symlink_to_a_regular_file_is_followed_and_the_file_replaced(tmp_path: Path) -> None:
    target, link = tmp_path / "kept.txt", tmp_path / "report.txt"
    target.write_text("old")
    link.symlink_to(target)
    assert main([*SCORE, "-o", str(link)]) == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == report()


def test_a_character_device_is_written_to_not_replaced(tmp_path: Path) -> None:
    if os.geteuid() == 0:  # a null device of our own: the system's stays out of reach
        device = tmp_path / "null"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    else:  # as anyone else, the system's, which a regression could not replace anyway
        device = Path(os.devnull)
    before = os.lstat(device)
    assert main([*SCORE, "-o", str(device)]) == 0
    after = os.lstat(device)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    if os.geteuid() == 0:
        assert sorted(tmp_path.iterdir()) == [device]


def test_dev_stdout_is_the_standard_output_even_into_a_pipe() -> None:
    completed = run(*SCORE, "-o", "/dev/stdout", "--format", "json")
    assert (completed.returncode, completed.stderr) == (0, "")
    assert guidestyle.Result.from_json(completed.stdout).recommendation.style == "mentoring"


def test_batch_follows_the_same_rules_for_its_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = guidestyle.load_answers(ANSWERS)
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps(answers) + "\n", encoding="utf-8")
    batch = ["batch", "situation", str(rows), "--format", "csv"]
    fifo = tmp_path / "scores.fifo"
    with fifo_reader(fifo) as read:
        assert main([*batch, "-o", str(fifo)]) == 0
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert read[0].decode("utf-8").splitlines()[1].startswith("1,mentoring,")
    assert sorted(tmp_path.iterdir()) == [rows, fifo]  # nothing beside it, errors included
    capsys.readouterr()
    link = tmp_path / "scores.csv"
    link.symlink_to(fifo)
    with unblocked_after(fifo):
        assert main([*batch, "-o", str(link)]) == 1
    assert capsys.readouterr().err == (
        f"cannot write {link}: it is a symbolic link to a named pipe (FIFO), not to a regular file\n"
    )
    completed = run(*batch, "-o", "/dev/stdout")
    assert (completed.returncode, completed.stdout.splitlines()[1][:12]) == (0, "1,mentoring,")


def test_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*SCORE, "-o", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"cannot write {tmp_path}: it is a folder\n"


# Inputs that would block ----------------------------------------------------------------------


def test_check_refuses_a_fifo_without_blocking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "q.yaml"
    os.mkfifo(fifo)
    with unblocked_after(fifo):
        assert main(["check", str(fifo)]) == 1
    assert capsys.readouterr().out == (
        f"{fifo}: cannot read the file: it is a named pipe (FIFO), not a regular file\n"
        f"{fifo}: invalid\n"
    )


def test_score_refuses_a_fifo_or_a_device_as_answers_without_blocking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    with unblocked_after(fifo):
        assert main(["score", "situation", str(fifo)]) == 1
    assert capsys.readouterr().err == (
        f"{fifo}: cannot read the file: it is a named pipe (FIFO), not a regular file\n"
    )
    assert main(["score", "situation", "/dev/zero"]) == 1
    assert capsys.readouterr().err == (
        "/dev/zero: cannot read the file: it is a device, not a regular file\n"
    )


def test_take_refuses_a_fifo_as_saved_progress(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "progress.json"
    os.mkfifo(fifo)
    with unblocked_after(fifo):
        assert main(["take", "situation", "--resume", str(fifo)]) == 1
    assert capsys.readouterr().err.endswith(
        f"{fifo}: cannot read the file: it is a named pipe (FIFO), not a regular file\n"
    )


def test_the_library_refuses_fifos_and_nul_characters_in_paths(tmp_path: Path) -> None:
    fifo = tmp_path / "q.yaml"
    os.mkfifo(fifo)
    with unblocked_after(fifo), pytest.raises(guidestyle.QuestionnaireError) as caught:
        guidestyle.load(fifo)
    assert str(caught.value) == (
        f"{fifo}: cannot read the file: it is a named pipe (FIFO), not a regular file"
    )
    with unblocked_after(fifo), pytest.raises(guidestyle.AnswersError) as answers:
        guidestyle.load_answers(fifo)
    assert str(answers.value) == str(caught.value)
    with pytest.raises(guidestyle.QuestionnaireError) as nul:
        guidestyle.load("q\0.yaml")
    assert str(nul.value) == "q\\u0000.yaml: cannot read the file: the path holds a NUL character"
    with pytest.raises(guidestyle.AnswersError) as nul_answers:
        guidestyle.load_answers("a\0.yaml")
    assert str(nul_answers.value) == (
        "a\\u0000.yaml: cannot read the file: the path holds a NUL character"
    )


# Failures to write: a message, never a traceback -----------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_a_message() -> None:
    with open("/dev/full", "w") as full:
        completed = run(*SCORE, stdout=full)
    assert (completed.returncode, completed.stderr) == (
        1,
        "cannot write the output: No space left on device\n",
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("asked", [["--help"], ["--version"], ["score", "--help"]])
def test_help_and_version_on_a_full_disk_are_the_same_message(asked: list[str]) -> None:
    with open("/dev/full", "w") as full:
        completed = run(*asked, stdout=full)
    assert (completed.returncode, completed.stderr) == (
        1,
        "cannot write the output: No space left on device\n",
    )


def test_an_encoding_without_the_report_characters_is_a_message() -> None:
    environment = {**os.environ, "PYTHONIOENCODING": "ascii"}
    completed = run(*SCORE, env=environment)
    assert (completed.returncode, completed.stdout) == (1, "")
    assert completed.stderr == (
        "cannot write the output: its encoding (ascii) has no U+2588; "
        "set PYTHONIOENCODING=utf-8, or write to a file with -o\n"
    )


class _AnswerThenUndecodable(io.StringIO):
    """Standard input in ASCII that gives one answer, then a line it cannot decode."""

    encoding = "ascii"

    def __init__(self) -> None:
        super().__init__("5\n")

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        line = super().readline()
        if not line:
            raise UnicodeDecodeError("ascii", "é".encode(), 0, 1, "ordinal not in range(128)")
        return line


def test_take_saves_progress_when_the_input_cannot_be_decoded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    progress = tmp_path / "progress.json"
    monkeypatch.setattr("sys.stdin", _AnswerThenUndecodable())
    engine = str(DATA / "engine.yaml")
    assert main(["take", engine, "--save", str(progress)]) == 130
    assert "\nthe input is not in its encoding (ascii); set PYTHONIOENCODING=utf-8\n" in (
        capsys.readouterr().err
    )
    saved = guidestyle.Session.from_json(guidestyle.load(engine), progress.read_text())
    assert saved.answers == {"l1": 5}
