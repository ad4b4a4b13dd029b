"""``guidestyle take`` as a user runs it: piped stdin (in a real process, and in this one for speed) and a pseudo-terminal."""

from __future__ import annotations

import fcntl
import io
import json
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

import guidestyle
from guidestyle._cli import main

from .conftest import DATA, run_guidestyle

ENGINE = str(DATA / "engine.yaml")
# l1..l3 Likert, mc multiple, fc forced, team single (team -> follow), follow, note
FULL_RUN = ["9", "5", "b", "", "2", "s", "1,2", "2", "2", "1", "my note <b>"]
EXPECTED_ANSWERS = {
    "l1": 5,
    "l2": 2,
    "mc": ["a", "b"],
    "fc": "s2",
    "team": "team",
    "follow": "x",
    "note": "my note <b>",
}


def run_here(tmp_path: Path, lines: list[str], *arguments: str) -> subprocess.CompletedProcess[str]:
    """``guidestyle ARGUMENTS`` run in this process from ``tmp_path``, fed ``lines``: what a
    process would print and exit with, at a fraction of the cost of starting one."""
    stdin, stdout, stderr = (
        io.StringIO("".join(f"{line}\n" for line in lines)),
        io.StringIO(),
        io.StringIO(),
    )
    saved, folder = (sys.stdin, sys.stdout, sys.stderr), os.getcwd()
    try:
        os.chdir(tmp_path)
        sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
        try:
            code = main(list(arguments))
        except SystemExit as usage:  # argparse, and a usage error
            code = usage.code if isinstance(usage.code, int) else 2
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        os.chdir(folder)
    return subprocess.CompletedProcess(arguments, code, stdout.getvalue(), stderr.getvalue())


def take(tmp_path: Path, lines: list[str], *extra: str) -> subprocess.CompletedProcess[str]:
    return run_here(tmp_path, lines, "take", ENGINE, "--format", "json", *extra)


def expected_result() -> guidestyle.Result:
    return guidestyle.score(guidestyle.load(ENGINE), EXPECTED_ANSWERS)


def test_piped_answers_with_an_invalid_one_a_back_step_and_a_skip(tmp_path: Path) -> None:
    completed = run_guidestyle(tmp_path, "take", ENGINE, "--format", "json", lines=FULL_RUN)
    assert completed.returncode == 0, completed.stderr
    result = guidestyle.Result.from_json(completed.stdout)
    assert result == expected_result()
    err = completed.stderr
    assert "Question 1 of 7\n" in err
    assert "> 9\n  type a whole number from 1 to 5\n" in err
    assert "(Enter keeps: 5)" in err  # went back to question 1
    assert "Question 7 of 8\n" in err  # answering 'team' showed the follow-up
    assert not list(tmp_path.iterdir())  # nothing saved: it finished


def test_unusable_input_is_reasked_with_a_short_reason(tmp_path: Path) -> None:
    completed = take(tmp_path, ["x", "", "5", "2", "s", "7", "1"])
    err = completed.stderr
    assert "> x\n  type a whole number from 1 to 5\n" in err
    assert (
        ">\n  this question needs an answer\n" in err
        or "> \n  this question needs an answer\n" in err
    )
    assert "> 7\n  type numbers from 1 to 3, separated by commas, or 'none'\n" in err


def test_end_of_input_saves_progress_and_resume_loses_nothing(tmp_path: Path) -> None:
    first = take(tmp_path, FULL_RUN[:7])  # up to and including the multiple choice
    assert first.returncode == 130
    saved = tmp_path / "guidestyle-engine-progress.json"
    assert json.loads(saved.read_text())["answers"] == {"l1": 5, "l2": 2, "mc": ["a", "b"]}
    assert first.stderr.endswith(
        f"\nProgress saved to {saved.name} (3 of 7 answered). Continue with:\n"
        f"  guidestyle take {ENGINE} --resume {saved.name}\n"
    )
    second = take(tmp_path, FULL_RUN[7:], "--resume", saved.name)
    assert second.returncode == 0, second.stderr
    assert guidestyle.Result.from_json(second.stdout) == expected_result()
    assert not saved.exists()
    assert f"Resuming from {saved.name}: 3 of 7 answered.\n" in second.stderr
    assert second.stderr.endswith(f"Removed {saved.name}: the answers are in the report now.\n")


def test_resume_from_a_changed_questionnaire_is_refused(tmp_path: Path) -> None:
    state = json.loads(guidestyle.Session.start(guidestyle.load(ENGINE)).to_json())
    state["questionnaire"]["digest"] = "sha256:" + "0" * 64
    (tmp_path / "old.json").write_text(json.dumps(state))
    completed = take(tmp_path, [], "--resume", "old.json")
    assert completed.returncode == 1
    assert completed.stderr == (
        "old.json: the session was saved for questionnaire 'engine' version '1', and the questionnaire "
        "given ('engine' version '1') has different content; the session cannot be resumed against it\n"
    )


class Terminal:
    """The program under test on a pseudo-terminal, as a person at a keyboard sees it."""

    def __init__(
        self, tmp_path: Path, *arguments: str, questionnaire: str = ENGINE, columns: int = 100
    ) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))

        def become_terminal_owner() -> None:
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        environment = {
            key: value for key, value in os.environ.items() if key not in {"COLUMNS", "LINES"}
        }
        environment["TERM"] = "xterm"
        command = ["take", questionnaire, "--format", "json", *arguments]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "guidestyle", *command],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=tmp_path,
            env=environment,
            start_new_session=True,
            preexec_fn=become_terminal_owner,  # noqa: PLW1509 - no threads; the only way to a controlling terminal
        )
        os.close(slave)
        self.seen = ""
        self.position = 0

    def expect(self, text: str, timeout: float = 30) -> None:
        """Wait for ``text`` to be shown after what was expected before."""
        deadline = time.monotonic() + timeout
        while text not in self.seen[self.position :]:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"waited for {text!r}; the screen shows:\n{self.seen}"
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    self.seen += os.read(self.master, 4096).decode("utf-8", "replace")
                except OSError:  # the program ended
                    break
        assert text in self.seen[self.position :], self.seen
        self.position = self.seen.index(text, self.position) + len(text)

    def interrupt(self) -> None:
        """Press Ctrl-C, again each second until the program ends (at most 10 times): a
        SIGINT that lands just before readline waits for a key is only seen at the next
        signal or key (CPython's readline loop), so a person would press it again."""
        for _ in range(10):
            self.type("\x03")
            try:
                self.process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                continue
            return

    def answer(self, keys: str, then: str) -> None:
        """At the next prompt, type ``keys``; then wait for ``then``."""
        self.expect("> ")
        self.type(keys)
        self.expect(then)

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def wait(self) -> int:
        code = self.process.wait(timeout=30)
        try:
            while select.select([self.master], [], [], 0.2)[0]:
                self.seen += os.read(self.master, 4096).decode("utf-8", "replace")
        except OSError:
            pass
        os.close(self.master)
        return code


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_ctrl_c_in_a_terminal_saves_progress_and_resume_finishes(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path)
    terminal.expect("Question 1 of 7")
    terminal.answer("5\n", "Question 2 of 7")
    terminal.answer("2\n", "Question 3 of 7")
    terminal.expect("> ")
    terminal.interrupt()  # Ctrl-C, delivered by the terminal as SIGINT
    assert terminal.wait() == 130
    assert "Progress saved to guidestyle-engine-progress.json" in terminal.seen
    saved = json.loads((tmp_path / "guidestyle-engine-progress.json").read_text())
    assert saved["answers"] == {"l1": 5, "l2": 2}

    resumed = Terminal(tmp_path, "--resume", "guidestyle-engine-progress.json")
    resumed.expect("Question 3 of 7")
    for keys, next_prompt in [
        ("s\n", "Question 4"),
        ("1,2\n", "Question 5"),
        ("2\n", "Question 6"),
        ("2\n", "Question 7 of 8"),
        ("1\n", "Question 8 of 8"),
    ]:
        resumed.answer(keys, next_prompt)
    resumed.expect("> ")
    resumed.type("my note <b>\n")
    assert resumed.wait() == 0
    report = resumed.seen[resumed.seen.index("{") : resumed.seen.rindex("}") + 1]
    report = report.replace("\r\n", "\n")
    assert guidestyle.Result.from_json(report) == expected_result()


def test_resume_without_naming_the_questionnaire_uses_the_saved_one(tmp_path: Path) -> None:
    learner = guidestyle.builtin("learner")
    (tmp_path / "p.json").write_text(guidestyle.Session.start(learner).to_json())
    completed = run_here(tmp_path, [], "take", "--resume", "p.json")
    assert completed.returncode == 130
    title = guidestyle.outline(learner)["title"]
    shown = len(guidestyle.Session.start(learner).shown())
    assert f"Resuming from p.json: 0 of {shown} answered.\n" in completed.stderr
    assert f"\n{title}  (learner {learner.version})\n" in completed.stderr
    wrong = run_here(tmp_path, [], "take", "situation", "--resume", "p.json")
    assert wrong.returncode == 1
    assert wrong.stderr == (
        "p.json was saved for questionnaire 'learner', not 'situation'; "
        "run: guidestyle take learner --resume p.json\n"
    )


def test_a_report_that_cannot_be_written_keeps_the_answers(tmp_path: Path) -> None:
    completed = take(tmp_path, FULL_RUN, "-o", "missing/report.json")
    assert completed.returncode == 1
    assert completed.stderr.endswith(
        "cannot write missing/report.json: No such file or directory\n"
    )
    saved = json.loads((tmp_path / "guidestyle-engine-progress.json").read_text())
    assert saved["answers"] == EXPECTED_ANSWERS


def test_progress_found_at_the_start_is_offered_and_never_replaced_unasked(tmp_path: Path) -> None:
    """The finding: a second run, then Ctrl-C, put a 1-answer file over a 3-answer one."""
    first = take(tmp_path, FULL_RUN[:7])
    saved = tmp_path / "guidestyle-engine-progress.json"
    kept = saved.read_text()
    again = take(tmp_path, ["5"])  # meant as an answer; it is not a choice, then the input ends
    assert again.returncode == 130
    assert again.stderr == (
        f"Progress saved earlier is in {saved.name}: 3 of 7 answered.\n"
        "Resume it (r), start over (n) or cancel (c)? [r]\n"
        "> 5\n"
        "  type r to resume, n to start over, or c to cancel\n"
        "Resume it (r), start over (n) or cancel (c)? [r]\n"
        "> "
        f"Cancelled; {saved.name} is kept as it was.\n"
    )
    assert saved.read_text() == kept
    assert first.returncode == 130


def test_resuming_what_was_found_finishes_and_removes_it(tmp_path: Path) -> None:
    take(tmp_path, FULL_RUN[:7])
    saved = tmp_path / "guidestyle-engine-progress.json"
    resumed = take(tmp_path, ["", *FULL_RUN[7:]])  # Enter: resume, the default
    assert resumed.returncode == 0, resumed.stderr
    assert guidestyle.Result.from_json(resumed.stdout) == expected_result()
    assert f"Resuming from {saved.name}: 3 of 7 answered.\n" in resumed.stderr
    assert resumed.stderr.endswith(f"Removed {saved.name}: the answers are in the report now.\n")
    assert not saved.exists()


def test_starting_over_is_announced_and_replaces_the_file_only_when_saving(tmp_path: Path) -> None:
    take(tmp_path, FULL_RUN[:7])
    saved = tmp_path / "guidestyle-engine-progress.json"
    over = take(tmp_path, ["n"])
    assert f"Starting over; {saved.name} is replaced when progress is next saved.\n" in over.stderr
    assert over.stderr.endswith("Nothing answered yet, so nothing was saved.\n")
    assert len(json.loads(saved.read_text())["answers"]) == 3  # nothing answered: kept
    over = take(tmp_path, ["n", "4"])
    assert over.returncode == 130
    assert json.loads(saved.read_text())["answers"] == {"l1": 4}
    assert f"Progress saved to {saved.name} (1 of 7 answered)." in over.stderr


def test_progress_that_cannot_be_resumed_is_kept_and_the_new_goes_beside_it(tmp_path: Path) -> None:
    saved = tmp_path / "guidestyle-engine-progress.json"
    saved.write_text("{not json", encoding="utf-8")
    completed = take(tmp_path, ["5"])
    assert completed.returncode == 130
    assert completed.stderr.startswith(
        f"{saved.name} holds progress that cannot be resumed (not a saved session: "
    )
    assert saved.read_text() == "{not json"
    beside = tmp_path / "guidestyle-engine-progress-2.json"
    assert json.loads(beside.read_text())["answers"] == {"l1": 5}
    assert (
        f"Progress saved to {beside.name} (1 of 7 answered). Continue with:\n" in completed.stderr
    )


def test_an_interrupted_session_with_no_answer_saves_nothing(tmp_path: Path) -> None:
    completed = take(tmp_path, [])
    assert completed.returncode == 130
    assert completed.stderr.endswith("\n> \nNothing answered yet, so nothing was saved.\n")
    assert list(tmp_path.iterdir()) == []


def test_one_message_per_kind_of_mistake_and_no_ids(tmp_path: Path) -> None:
    lines = [
        "6",
        "3.5",
        "x",
        "s",
        "5",
        "2",
        "s",
        "1,7",
        "1,2,3",
        "1,1",
        "1,2",
        "4",
        "1",
        "9",
        "1 2",
        "2",
        "2",
    ]
    completed = take(tmp_path, lines)
    err = completed.stderr
    scale = "  type a whole number from 1 to 5\n"
    assert f"> 6\n{scale}> 3.5\n{scale}> x\n{scale}> s\n  this question needs an answer\n" in err
    several = "  type numbers from 1 to 3, separated by commas, or 'none'\n"
    assert f"> 1,7\n{several}> 1,2,3\n  choose at most 2\n> 1,1\n" in err  # 1,1 is 1
    assert (
        "> 1,2\n  choose one: type a number from 1 to 3\n> 4\n  choose one: type a number from 1 to 3\n"
        in err
    )
    assert (
        "> 9\n  choose one: type a number from 1 to 2\n> 1 2\n  choose one: type a number from 1 to 2\n"
        in err
    )
    for internal_id in ("l1", "l2", "mc", "fc", "team", "follow", "a", "s1"):
        assert f"'{internal_id}'" not in err
    assert completed.returncode == 130
    saved = json.loads((tmp_path / "guidestyle-engine-progress.json").read_text())
    assert saved["answers"] == {
        "l1": 5,
        "l2": 2,
        "mc": ["a"],
        "fc": "s1",
        "team": "team",
        "follow": "y",
    }


def test_back_at_the_first_question_says_so(tmp_path: Path) -> None:
    assert "> b\n  this is the first question\n" in take(tmp_path, ["b"]).stderr


def test_the_format_follows_the_extension_of_the_output(tmp_path: Path) -> None:
    completed = run_here(tmp_path, FULL_RUN, "take", ENGINE, "-o", "rep.html")
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr.endswith("Report written to rep.html.\n")
    assert (tmp_path / "rep.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    conflict = run_here(tmp_path, FULL_RUN, "take", ENGINE, "--format", "text", "-o", "r.html")
    assert conflict.returncode == 2
    assert conflict.stderr.endswith(
        "guidestyle take: error: --format text contradicts -o r.html, whose extension means "
        "html; drop one of them, or make them agree\n"
    )
    assert "Question" not in conflict.stderr
    explicit = run_here(tmp_path, FULL_RUN, "take", ENGINE, "--format", "markdown", "-o", "r.out")
    assert (tmp_path / "r.out").read_text(encoding="utf-8").startswith("# Engine fixture")
    assert explicit.returncode == 0


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_terminal_edits_lines_and_recalls_earlier_answers(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path)
    terminal.expect("Question 1 of 7")
    terminal.answer("5\n", "Question 2 of 7")
    terminal.answer("\x1b[A\x7f2\n", "Question 3 of 7")  # Up recalls "5"; Backspace; 2
    for keys, next_prompt in [
        ("s\n", "Question 4"),
        ("1,2\n", "Question 5"),
        ("2\n", "Question 6"),
        ("2\n", "Question 7 of 8"),
        ("1\n", "Question 8 of 8"),
    ]:
        terminal.answer(keys, next_prompt)
    terminal.expect("> ")
    terminal.type("note <b>" + "\x1b[D" * 8 + "my \n")  # Left, 8 times
    assert terminal.wait() == 0
    report = terminal.seen[terminal.seen.index("{") : terminal.seen.rindex("}") + 1]
    assert guidestyle.Result.from_json(report.replace("\r\n", "\n")) == expected_result()
    assert "^[[" not in terminal.seen


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_questions_wrap_to_the_width_of_the_terminal(tmp_path: Path) -> None:
    long_text = "How often does the person you are thinking of ask for advice on a decision"
    (tmp_path / "long.yaml").write_text(
        (DATA / "engine.yaml")
        .read_text(encoding="utf-8")
        .replace("text: L1,", f"text: {long_text},"),
        encoding="utf-8",
    )
    terminal = Terminal(tmp_path, questionnaire="long.yaml", columns=30)
    terminal.expect("Strongly agree")
    terminal.expect("> ")
    terminal.type("\x04")  # Ctrl-D: the end of input
    terminal.wait()
    shown = terminal.seen.replace("\r\n", "\n")
    question = shown[shown.index("Question 1 of 7\n") :].splitlines()[1:5]
    assert question == [  # within 30 columns, a column spare, no word broken
        "How often does the person you",
        "are thinking of ask for",
        "advice on a decision",
        "  1) Strongly disagree",
    ]
