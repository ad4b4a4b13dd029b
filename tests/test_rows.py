"""Reading answers in bulk (``guidestyle.read_rows``): JSONL, CSV, DataFrames and mappings."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import guidestyle
from guidestyle import BadRow, Row

SITUATION = guidestyle.builtin("situation")
GUIDE = guidestyle.builtin("guide")  # Likert questions


def read(source: object, **options: object) -> list[Row | BadRow]:
    return list(guidestyle.read_rows(SITUATION, source, **options))  # type: ignore[arg-type]


def problems(row: Row | BadRow) -> list[str]:
    assert isinstance(row, BadRow), row
    return [str(problem) for problem in row.problems]


# JSONL --------------------------------------------------------------------------------


def test_jsonl_rows_keep_their_line_id_and_passthrough_columns(tmp_path: Path) -> None:
    path = tmp_path / "answers.jsonl"
    path.write_text(
        '{"rid": "r1", "team": "north", "who_is_guided": "one_personal", "topics": ["career_paths"]}\n'
        "\n"
        '{"rid": 2, "who_is_guided": null, "paperwork": NaN, "notes": "x"}\n',
        encoding="utf-8",
    )
    rows = read(path, id_column="rid", keep=["team"])
    assert rows == [
        Row(
            1,
            "r1",
            {"team": "north"},
            {"who_is_guided": "one_personal", "topics": ["career_paths"]},
        ),
        Row(3, 2, {"team": None}, {"notes": "x"}),  # null and NaN: skipped; blank line skipped
    ]


def test_jsonl_bad_lines_are_bad_rows_and_reading_goes_on() -> None:
    lines = io.BytesIO(
        b"\n".join(
            [
                b'{"who_is_guided": "one_personal", "paperwrk": 1, "x": 2}',
                b"{broken",
                b"[1, 2]",
                b'{"n": ' + b"1" * 5000 + b"}",
                b"[" * 100_000,
                b"\xff",
                b'{"notes": "fine"}',
            ]
        )
    )
    rows = guidestyle.read_rows(SITUATION, lines, format="jsonl")
    assert [problems(next(rows)) for _ in range(6)] == [
        [
            "<lines>:1:1: paperwrk: unknown question 'paperwrk' (did you mean 'paperwork'?)",
            "<lines>:1:1: x: unknown question 'x'",
        ],
        ["<lines>:2:2: not valid JSON: Expecting property name enclosed in double quotes"],
        ["<lines>:3:1: a row must be an object of question id to answer, found a list"],
        ["<lines>:4:1: not valid JSON: a number has too many digits"],
        ["<lines>:5:1: not valid JSON: nested too deeply"],
        ["<lines>:6:1: not valid UTF-8 (byte 1 of the line)"],
    ]
    assert list(rows) == [Row(7, None, {}, {"notes": "fine"})]


def test_a_line_past_the_limit_is_skipped_in_pieces_and_counted_once() -> None:
    from guidestyle._rows import MAX_ROW_CHARACTERS

    lines = io.BytesIO(b'{"notes": "' + b"x" * (3 * MAX_ROW_CHARACTERS) + b'"}\n{"notes": "y"}\n')
    first, second = guidestyle.read_rows(SITUATION, lines, format="jsonl")
    assert problems(first) == ["<lines>:1:1: the row is longer than 1,000,000 characters"]
    assert second == Row(2, None, {}, {"notes": "y"})


def test_many_unknown_keys_name_the_first_ten() -> None:
    row = {f"k{n:02}": 1 for n in range(25)}
    (bad,) = read([row])
    assert problems(bad)[9:] == [
        "<rows>:1:1: k09: unknown question 'k09'",
        "<rows>:1:1: and 15 more unknown questions",
    ]


def test_a_row_without_its_id_is_a_bad_row() -> None:
    (bad,) = read([{"who_is_guided": "one_personal", "team": "x"}], id_column="rid", keep=["team"])
    assert problems(bad) == ["<rows>:1:1: no respondent id (the column 'rid' is missing or empty)"]
    assert bad.kept == {"team": "x"}


# CSV ----------------------------------------------------------------------------------

HEADER = "rid,who_is_guided,topics,notes,team\n"


def test_csv_cells_are_read_by_their_question_kind() -> None:
    text = (
        "\ufeff" + HEADER + 'r1,one_personal,career_paths; workplace_navigation,"two\nlines",a\n'
        "r2, one_sessions ,,,\n"
        "\n"
        'r3,,"",  ,"b, c"\n'
    )
    rows = read(io.StringIO(text), format="csv", id_column="rid", keep=["team"])
    assert rows == [
        Row(
            2,
            "r1",
            {"team": "a"},
            {
                "who_is_guided": "one_personal",
                "topics": ["career_paths", "workplace_navigation"],
                "notes": "two\nlines",
            },
        ),
        Row(4, "r2", {"team": ""}, {"who_is_guided": "one_sessions"}),
        Row(6, "r3", {"team": "b, c"}, {}),  # empty cells: skipped questions
    ]


def test_csv_likert_cells_are_scale_points_and_other_text_stays_text() -> None:
    first = GUIDE.questions[0].id
    rows = list(guidestyle.read_rows(GUIDE, [f"{first}\n", "4\n", "4.0\n", " 7 \n"], format="csv"))
    assert [row.answers for row in rows if isinstance(row, Row)] == [
        {first: 4},
        {first: "4.0"},  # not guessed: the scorer says what is wrong with it
        {first: 7},
    ]


def test_csv_bad_records_are_bad_rows() -> None:
    text = HEADER + "r1,one_personal\n" + " ,,,,\n" + 'r2,"one_personal,,,\n' + "r3,,,,\n"
    rows = read(io.StringIO(text), format="csv", id_column="rid", keep=["team"])
    assert [problems(row) for row in rows] == [
        ["<lines>:2:1: the row has 2 cells; the header names 5 columns"],
        ["<lines>:3:1: no respondent id (the column 'rid' is missing or empty)"],
        ["<lines>:4:1: a quote is left open at the end of the file"],  # to the end: line 5 too
    ]


def test_csv_header_problems_stop_before_any_row() -> None:
    text = "rid,paperwrk,respondent,,rid\nr1,a,b,c,d\n"
    with pytest.raises(guidestyle.AnswersError) as caught:
        read(io.StringIO(text), format="csv", id_column="rid", keep=["team"])
    assert str(caught.value).splitlines() == [
        "<lines>:1:1: column 4 of the header has no name",
        "<lines>:1:1: the column 'rid' is named more than once",
        "<lines>:1:1: paperwrk: unknown question 'paperwrk' (did you mean 'paperwork'?)",
        "<lines>:1:1: respondent: unknown question 'respondent' "
        "(to pass it through, name it in keep or --keep)",
        "<lines>:1:1: the kept column 'team' is not in the header",
    ]


def test_an_empty_csv_has_no_header() -> None:
    with pytest.raises(guidestyle.AnswersError, match=r"^<lines>:1:1: the file is empty; a CSV "):
        read(io.StringIO(""), format="csv")


# Sources and columns ---------------------------------------------------------------------


def test_the_format_comes_from_the_extension(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("who_is_guided\none_sessions\n", encoding="utf-8")
    (tmp_path / "a.ndjson").write_text('{"who_is_guided": "one_sessions"}\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    assert read(tmp_path / "a.csv") == [Row(2, None, {}, {"who_is_guided": "one_sessions"})]
    assert read(tmp_path / "a.ndjson") == [Row(1, None, {}, {"who_is_guided": "one_sessions"})]
    txt = str(tmp_path / "a.txt")
    with pytest.raises(guidestyle.AnswersError) as caught:
        read(txt)
    assert str(caught.value) == (
        f"{txt}: cannot tell the format from the file's extension (.jsonl, .ndjson, .csv); "
        "name it, jsonl or csv (--input-format, or format= in Python)"
    )
    with pytest.raises(guidestyle.AnswersError) as caught:
        read(tmp_path / "missing.csv")
    assert (
        str(caught.value)
        == f"{tmp_path / 'missing.csv'}: cannot read the file: No such file or directory"
    )


def test_a_file_object_needs_a_format() -> None:
    with pytest.raises(guidestyle.AnswersError) as caught:
        read(io.StringIO("{}\n"))
    assert str(caught.value) == "<lines>: a file object is read with format='jsonl' or format='csv'"


def test_id_and_kept_columns_must_not_be_questions() -> None:
    with pytest.raises(guidestyle.AnswersError) as caught:
        read([], id_column="who_is_guided", keep=["team", "team"])
    assert str(caught.value).splitlines() == [
        "the id column 'who_is_guided' is a question of 'situation'",
        "the column 'team' is named more than once",
    ]


def test_data_frames_read_as_their_csv_would(tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    path = tmp_path / "answers.csv"
    path.write_text(
        HEADER + "r1,one_personal,career_paths;one_competency,,a\nr2,,,note,\n", encoding="utf-8"
    )
    frame = pandas.read_csv(path)
    from_frame = list(guidestyle.read_rows(SITUATION, frame, id_column="rid", keep=["team"]))
    from_file = read(path, id_column="rid", keep=["team"])
    assert [row.answers for row in from_frame] == [row.answers for row in from_file]  # type: ignore[union-attr]
    assert [row.line for row in from_frame] == [0, 1]  # the index
    assert [row.kept for row in from_frame] == [{"team": "a"}, {"team": None}]


def test_data_frame_values_as_json_would_give_them() -> None:
    pandas = pytest.importorskip("pandas")
    first = GUIDE.questions[0].id
    frame = pandas.DataFrame(
        {first: pandas.array([4, None, 2], dtype="Int64"), "rid": [1.0, 2.0, float("nan")]},
        index=["a", "b", "c"],
    )
    rows = list(guidestyle.read_rows(GUIDE, frame, id_column="rid"))
    assert rows[:2] == [Row("a", 1, {}, {first: 4}), Row("b", 2, {}, {})]
    assert problems(rows[2]) == [
        "<DataFrame>: no respondent id (the column 'rid' is missing or empty)"
    ]


def test_a_named_pipe_is_refused_before_it_can_block(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "answers.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(guidestyle.AnswersError) as caught:
        read(fifo)
    assert str(caught.value) == (
        f"{fifo}: cannot read the file: it is a named pipe (FIFO), not a regular file"
    )
