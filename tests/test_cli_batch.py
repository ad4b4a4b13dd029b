"""``guidestyle batch`` as an analyst runs it: a cohort in, results and failed rows out."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import guidestyle
from guidestyle._cli import main

from .cohort import csv_cell, responses
from .conftest import run_guidestyle

LEARNER = guidestyle.builtin("learner")
QUESTION_IDS = [question.id for question in LEARNER.questions]
NOT_SHOWN = "answered, but not shown for these answers (its show_if condition does not hold)"


def not_shown_to(answers: dict[str, Any]) -> dict[str, Any]:
    """``answers`` with the manager question answered though the manager was not chosen."""
    others = {key: value for key, value in answers.items() if key != "second_guide"}
    return {**others, "preferred_guide": "trained_coach", "manager_as_guide": ["steer_me"]}


def expected_results(rows: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    return [
        {"rid": rid, "result": guidestyle.score(LEARNER, answers, explain=False).to_dict()}
        for rid, answers in rows
    ]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_one_percent_bad_jsonl_rows_of_every_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cohort = responses(LEARNER, 1000, seed=1)
    lines: list[str] = []
    good: list[tuple[str, dict[str, Any]]] = []
    bad: dict[int, Any] = {
        100: {**cohort[100], "favourite_colour": "blue"},
        200: {**cohort[200], "confide_outside": 7},
        300: {**cohort[300], "own_answers": "4"},
        400: not_shown_to(cohort[400]),
        500: '{"rid": "r0500", "support_length": "years"',
        600: {**cohort[600], "main_want": ["fame"]},
        700: {key: value for key, value in cohort[700].items() if key != "support_length"},
        800: [cohort[800]],
        900: {**cohort[900], "confide_outside": 0, "learning_setting": "trusted_persn"},
        950: None,
    }
    for index, answers in enumerate(cohort):
        rid = f"r{index:04}"
        row = bad.get(index, answers)
        if isinstance(row, str):
            lines.append(row)
        elif row is None:
            lines.append(json.dumps(answers))  # no id
        elif isinstance(row, list):
            lines.append(json.dumps(row))
        else:
            lines.append(json.dumps({"rid": rid, **row}))
        if index not in bad:
            good.append((rid, answers))
    source = tmp_path / "cohort.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    output = tmp_path / "scored.jsonl"
    assert main(["batch", "learner", str(source), "-o", str(output), "--id", "rid"]) == 1
    assert capsys.readouterr().err == (
        f"990 of 1,000 rows scored into {output}; 10 failed (see {tmp_path / 'scored.errors.jsonl'})\n"
    )
    written = read_jsonl(output)
    assert [row.pop("line") for row in written] == [int(rid[1:]) + 1 for rid, _ in good]
    assert written == expected_results(good)
    assert read_jsonl(tmp_path / "scored.errors.jsonl") == [
        {
            "line": 101,
            "rid": "r0100",
            "problems": ["favourite_colour: unknown question 'favourite_colour'"],
        },
        {
            "line": 201,
            "rid": "r0200",
            "problems": [
                "confide_outside: expected a whole number from 1 to 5, found the number 7"
            ],
        },
        {
            "line": 301,
            "rid": "r0300",
            "problems": [
                "own_answers: expected a whole number from 1 to 5, found text '4' (write it without quotes)"
            ],
        },
        {"line": 401, "rid": "r0400", "problems": [f"manager_as_guide: {NOT_SHOWN}"]},
        {"line": 501, "rid": None, "problems": ["not valid JSON: Expecting ',' delimiter"]},
        {
            "line": 601,
            "rid": "r0600",
            "problems": [
                "main_want[0]: unknown option 'fame'; expected one of: one_skill, my_direction, team_expectations"
            ],
        },
        {
            "line": 701,
            "rid": "r0700",
            "problems": ["support_length: a required question is not answered"],
        },
        {
            "line": 801,
            "rid": None,
            "problems": ["a row must be an object of question id to answer, found a list"],
        },
        {
            "line": 901,
            "rid": "r0900",
            "problems": [
                "learning_setting: unknown option 'trusted_persn'; expected one of: trusted_person, focused_sessions, with_my_team (did you mean 'trusted_person'?)",
                "confide_outside: expected a whole number from 1 to 5, found the number 0",
            ],
        },
        {
            "line": 951,
            "rid": None,
            "problems": ["no respondent id (the column 'rid' is missing or empty)"],
        },
    ]


def csv_rows(cohort: list[dict[str, Any]], columns: list[str]) -> list[list[str]]:
    return [
        [f"r{i:04}", *(csv_cell(answers.get(c)) for c in columns)]
        for i, answers in enumerate(cohort)
    ]


def test_one_percent_bad_csv_rows_of_every_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cohort = responses(LEARNER, 1000, seed=2)
    cohort[50]["notes"] = "two\nlines"  # a quoted cell over two lines: the later rows move down
    header = ["rid", *QUESTION_IDS, "team"]
    rows = [[*row, "north"] for row in csv_rows(cohort, QUESTION_IDS)]
    at = {name: header.index(name) for name in header}
    rows[150][at["confide_outside"]] = "agree"
    rows[250][at["own_answers"]] = "9"
    rows[350][at["preferred_guide"]], rows[350][at["manager_as_guide"]] = (
        "trained_coach",
        "steer_me",
    )
    rows[350][at["second_guide"]] = ""
    rows[450] = rows[450][:-3]
    rows[550][at["main_want"]] = "fame"
    rows[650][at["learning_setting"]] = "with_my_tem"
    rows[750][at["support_length"]] = ""
    rows[850][at["rid"]] = ""
    rows[900][at["learn_from_career"]] = "3.0"
    rows[950] = [*rows[950], "extra"]
    bad = {150, 250, 350, 450, 550, 650, 750, 850, 900, 950}
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([header, *rows])
    source = tmp_path / "cohort.csv"
    source.write_text("\ufeff" + text.getvalue(), encoding="utf-8")

    output = tmp_path / "scored.csv"
    errors = tmp_path / "failed.jsonl"
    arguments = [
        "batch",
        "learner",
        str(source),
        "-o",
        str(output),
        "--id",
        "rid",
        "--keep",
        "team",
    ]
    assert main([*arguments, "--errors", str(errors)]) == 1
    assert capsys.readouterr().err == (
        f"990 of 1,000 rows scored into {output}; 10 failed (see {errors})\n"
    )

    def line(index: int) -> int:  # the header is line 1; row 50 takes two lines
        return index + 2 + (index > 50)

    with output.open(encoding="utf-8", newline="") as file:
        written = list(csv.DictReader(file))
    good = [(f"r{i:04}", answers) for i, answers in enumerate(cohort) if i not in bad]
    assert [int(row["line"]) for row in written] == [line(int(rid[1:])) for rid, _ in good]
    assert [row["rid"] for row in written] == [rid for rid, _ in good]
    assert {row["team"] for row in written} == {"north"}
    for row, (_, answers) in zip(written, good, strict=True):
        result = guidestyle.score(LEARNER, answers, explain=False)
        assert row["style"] == result.recommendation.style
        assert [row[f"score_{s}"] for s in LEARNER.styles] == [
            str(float(result.scores[s])) for s in LEARNER.styles
        ]
    width = len(header)
    assert read_jsonl(errors) == [
        {
            "line": line(150),
            "rid": "r0150",
            "team": "north",
            "problems": [
                "confide_outside: expected a whole number from 1 to 5, found text 'agree'"
            ],
        },
        {
            "line": line(250),
            "rid": "r0250",
            "team": "north",
            "problems": ["own_answers: expected a whole number from 1 to 5, found the number 9"],
        },
        {
            "line": line(350),
            "rid": "r0350",
            "team": "north",
            "problems": [f"manager_as_guide: {NOT_SHOWN}"],
        },
        {
            "line": line(450),
            "rid": None,
            "team": None,
            "problems": [f"the row has {width - 3} cells; the header names {width} columns"],
        },
        {
            "line": line(550),
            "rid": "r0550",
            "team": "north",
            "problems": [
                "main_want[0]: unknown option 'fame'; expected one of: one_skill, my_direction, team_expectations"
            ],
        },
        {
            "line": line(650),
            "rid": "r0650",
            "team": "north",
            "problems": [
                "learning_setting: unknown option 'with_my_tem'; expected one of: trusted_person, focused_sessions, with_my_team (did you mean 'with_my_team'?)"
            ],
        },
        {
            "line": line(750),
            "rid": "r0750",
            "team": "north",
            "problems": ["support_length: a required question is not answered"],
        },
        {
            "line": line(850),
            "rid": None,
            "team": "north",
            "problems": ["no respondent id (the column 'rid' is missing or empty)"],
        },
        {
            "line": line(900),
            "rid": "r0900",
            "team": "north",
            "problems": [
                "learn_from_career: expected a whole number from 1 to 5, found text '3.0'"
            ],
        },
        {
            "line": line(950),
            "rid": None,
            "team": None,
            "problems": [f"the row has {width + 1} cells; the header names {width} columns"],
        },
    ]


# The whole input, the output files ------------------------------------------------------


@pytest.fixture
def cohort_file(tmp_path: Path) -> Path:
    path = tmp_path / "cohort.jsonl"
    rows = [{"rid": f"r{i}", **answers} for i, answers in enumerate(responses(LEARNER, 20))]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_a_problem_with_the_whole_input_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cohort.csv"
    source.write_text("respondent,support_length\nr1,years\n", encoding="utf-8")
    output = tmp_path / "scored.csv"
    output.write_text("an earlier run's results\n", encoding="utf-8")
    assert main(["batch", "learner", str(source), "-o", str(output)]) == 1
    assert capsys.readouterr().err == (
        f"{source}:1:1: respondent: unknown question 'respondent' "
        "(to pass it through, name it in keep or --keep)\n"
    )
    assert output.read_text(encoding="utf-8") == "an earlier run's results\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cohort.csv", "scored.csv"]


def test_an_interrupted_batch_leaves_no_output_and_says_how_far_it_got(
    cohort_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from guidestyle import _batch

    real = _batch.score_rows

    def interrupted(*arguments: Any, **options: Any) -> Iterator[Any]:
        for count, row in enumerate(real(*arguments, **options)):
            if count == 7:
                raise KeyboardInterrupt
            yield row

    monkeypatch.setattr(_batch, "score_rows", interrupted)
    output = cohort_file.parent / "scored.jsonl"
    assert main(["batch", "learner", str(cohort_file), "-o", str(output)]) == 130
    assert capsys.readouterr().err == (
        f"interrupted after 7 rows (up to line 7 of {cohort_file}); nothing was written to "
        f"{output}; "
        "run again to score them all\n"
    )
    assert [path.name for path in cohort_file.parent.iterdir()] == ["cohort.jsonl"]


def test_stdin_to_stdout_with_the_problems_on_stderr(tmp_path: Path) -> None:
    lines = [json.dumps(answers) for answers in responses(LEARNER, 3)] + ["{}"]
    completed = run_guidestyle(
        tmp_path, "batch", "learner", "-", "--input-format", "jsonl", "-o", "-", lines=lines
    )
    assert completed.returncode == 1
    out = [json.loads(line) for line in completed.stdout.splitlines()]
    assert [row["line"] for row in out] == [1, 2, 3]
    assert completed.stderr.splitlines()[0] == (
        "<stdin>:4:1: support_length: a required question is not answered"
    )
    assert completed.stderr.splitlines()[-1] == (
        "3 of 4 rows scored into standard output; 1 failed (see standard error)"
    )
    assert list(tmp_path.iterdir()) == []
    unnamed = run_guidestyle(tmp_path, "batch", "learner", "-", "-o", "-", lines=lines)
    assert (unnamed.returncode, unnamed.stdout) == (1, "")
    assert unnamed.stderr == (
        "<stdin>: the format of standard input cannot be told from a name; "
        "name it, jsonl or csv (--input-format, or format= in Python)\n"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["-o", "x.txt"],
            "cannot tell the output format from 'x.txt' (.jsonl, .ndjson, .csv, .parquet)",
        ),
        (["-o", "x.csv", "--explain"], "--explain is written only in JSONL output"),
        (["-o", "-", "--format", "parquet"], "Parquet output goes to a file, not standard output"),
        (
            ["-o", "x.jsonl", "--errors", "x.jsonl"],
            "the output and the errors file are the same file: {x.jsonl}",
        ),
        (["-o", "in.jsonl"], "the input and the output are the same file: {in.jsonl}"),
    ],
)
def test_usage_errors(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    options: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_text("", encoding="utf-8")
    assert main(["batch", "learner", "in.jsonl", *options]) == 2
    expected = message.replace("{x.jsonl}", str(tmp_path / "x.jsonl"))
    expected = expected.replace("{in.jsonl}", str(tmp_path / "in.jsonl"))
    assert capsys.readouterr().err == f"guidestyle batch: error: {expected}\n"


def test_an_id_column_named_like_an_output_column_is_refused(
    cohort_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = str(cohort_file.parent / "scored.csv")
    assert main(["batch", "learner", str(cohort_file), "-o", output, "--id", "style"]) == 1
    assert capsys.readouterr().err == (
        "the output has its own column 'style'; rename it in the input\n"
    )


def test_explained_results_in_jsonl(cohort_file: Path) -> None:
    output = cohort_file.parent / "scored.jsonl"
    arguments = ["batch", "learner", str(cohort_file), "-o", str(output), "--id", "rid"]
    assert main([*arguments, "--explain"]) == 0
    first = read_jsonl(output)[0]
    answers = json.loads(cohort_file.read_text(encoding="utf-8").splitlines()[0])
    del answers["rid"]
    expected = {"line": 1, "rid": "r0", "result": guidestyle.score(LEARNER, answers).to_dict()}
    assert first == expected
    assert first["result"]["drivers"]
    assert (cohort_file.parent / "scored.errors.jsonl").read_text(encoding="utf-8") == ""


def test_parquet_holds_what_csv_holds(cohort_file: Path) -> None:
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    folder = cohort_file.parent
    for name in ("scored.csv", "scored.parquet"):
        assert (
            main(["batch", "learner", str(cohort_file), "-o", str(folder / name), "--id", "rid"])
            == 0
        )
    from_csv = pandas.read_csv(folder / "scored.csv")
    from_parquet = pandas.read_parquet(folder / "scored.parquet")
    pandas.testing.assert_frame_equal(from_parquet, from_csv, check_dtype=False)
    assert len(from_parquet) == 20


def test_an_existing_file_keeps_its_permissions(cohort_file: Path) -> None:
    output = cohort_file.parent / "scored.csv"
    output.write_text("old\n", encoding="utf-8")
    output.chmod(0o600)
    assert main(["batch", "learner", str(cohort_file), "-o", str(output), "--id", "rid"]) == 0
    assert output.stat().st_mode & 0o777 == 0o600
    assert output.read_text(encoding="utf-8").startswith("line,rid,style,strength,runner_up,")


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
def test_a_progress_bar_on_a_terminal_only(cohort_file: Path) -> None:
    pytest.importorskip("tqdm")
    import fcntl
    import pty
    import struct
    import subprocess
    import termios

    def stderr_of(terminal: bool) -> str:
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
        target = follower if terminal else subprocess.PIPE
        output = str(cohort_file.parent / "scored.csv")
        command = ["batch", "learner", str(cohort_file), "-o", output, "--id", "rid"]
        completed = subprocess.run(
            [sys.executable, "-m", "guidestyle", *command],
            stderr=target,
            stdout=subprocess.DEVNULL,
            timeout=60,
            check=True,
        )
        os.close(follower)
        if not terminal:
            os.close(leader)
            return completed.stderr.decode()
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        return b"".join(chunks).decode()

    assert (
        stderr_of(terminal=False)
        == f"20 of 20 rows scored into {cohort_file.parent / 'scored.csv'}\n"
    )
    shown = stderr_of(terminal=True)
    assert " rows [" in shown
    assert "rows/s" in shown
    assert shown.rstrip().endswith(f"20 of 20 rows scored into {cohort_file.parent / 'scored.csv'}")
