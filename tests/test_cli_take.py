"""``guidestyle take`` end to end, in real processes: piped stdin and a pseudo-terminal."""

from __future__ import annotations

import fcntl
import json
import os
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

import guidestyle

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


def take(tmp_path: Path, lines: list[str], *extra: str) -> subprocess.CompletedProcess[str]:
    return run_guidestyle(tmp_path, "take", ENGINE, "--format", "json", *extra, lines=lines)


def expected_result() -> guidestyle.Result:
    return guidestyle.score(guidestyle.load(ENGINE), EXPECTED_ANSWERS)


def test_piped_answers_with_an_invalid_one_a_back_step_and_a_skip(tmp_path: Path) -> None:
    completed = take(tmp_path, FULL_RUN)
    assert completed.returncode == 0, completed.stderr
    result = guidestyle.Result.from_json(completed.stdout)
    assert result == expected_result()
    err = completed.stderr
    assert "Question 1 of 7\n" in err
    assert "> 9\n  expected a whole number from 1 to 5, found the number 9\n" in err
    assert "(Enter keeps: 5)" in err  # went back to question 1
    assert "Question 7 of 8\n" in err  # answering 'team' showed the follow-up
    assert not list(tmp_path.iterdir())  # nothing saved: it finished


def test_unusable_input_is_reasked_with_a_short_reason(tmp_path: Path) -> None:
    completed = take(tmp_path, ["x", "", "5", "2", "s", "7", "1"])
    err = completed.stderr
    assert "> x\n  type a number from 1 to 5\n" in err
    assert ">\n  an answer is needed here\n" in err or "> \n  an answer is needed here\n" in err
    assert "> 7\n  type a number from 1 to 3\n" in err


def test_end_of_input_saves_progress_and_resume_loses_nothing(tmp_path: Path) -> None:
    first = take(tmp_path, FULL_RUN[:7])  # up to and including the multiple choice
    assert first.returncode == 130
    saved = tmp_path / "guidestyle-engine-progress.json"
    assert json.loads(saved.read_text())["answers"] == {"l1": 5, "l2": 2, "mc": ["a", "b"]}
    assert f"Progress saved to {saved.name}. Continue with:" in first.stderr
    second = take(tmp_path, FULL_RUN[7:], "--resume", saved.name)
    assert second.returncode == 0, second.stderr
    assert guidestyle.Result.from_json(second.stdout) == expected_result()
    assert not saved.exists()


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

    def __init__(self, tmp_path: Path, *arguments: str) -> None:
        self.master, slave = os.openpty()

        def become_terminal_owner() -> None:
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            [sys.executable, "-m", "guidestyle", "take", ENGINE, "--format", "json", *arguments],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=tmp_path,
            start_new_session=True,
            preexec_fn=become_terminal_owner,  # noqa: PLW1509 - no threads; the only way to a controlling terminal
        )
        os.close(slave)
        self.seen = ""

    def expect(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"waited for {text!r}; the screen shows:\n{self.seen}"
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    self.seen += os.read(self.master, 4096).decode("utf-8", "replace")
                except OSError:  # the program ended
                    break
        assert text in self.seen, self.seen

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
    terminal.type("5\n")
    terminal.expect("Question 2 of 7")
    terminal.type("2\n")
    terminal.expect("Question 3 of 7")
    terminal.type("\x03")  # Ctrl-C, delivered by the terminal as SIGINT
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
        resumed.type(keys)
        resumed.expect(next_prompt)
    resumed.type("my note <b>\n")
    assert resumed.wait() == 0
    report = resumed.seen[resumed.seen.index("{") :].replace("\r\n", "\n")
    assert guidestyle.Result.from_json(report) == expected_result()


def test_resume_without_naming_the_questionnaire_uses_the_saved_one(tmp_path: Path) -> None:
    (tmp_path / "p.json").write_text(
        guidestyle.Session.start(guidestyle.builtin("learner")).to_json()
    )
    completed = run_guidestyle(tmp_path, "take", "--resume", "p.json")
    assert completed.returncode == 130
    assert "What kind of support do you want?  (learner 1.0.0)" in completed.stderr
    wrong = run_guidestyle(tmp_path, "take", "situation", "--resume", "p.json")
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
