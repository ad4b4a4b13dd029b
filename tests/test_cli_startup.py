"""Start-up of the command: what it imports, and Ctrl-C at any moment.

What a run imports is read from ``python -X importtime`` (every module a process imports,
one per line on standard error), so the command is checked as a user starts it. No test
here measures time: benchmarks/bench_startup.py does.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import get_args

import pytest

import guidestyle
from guidestyle._cli import main
from guidestyle._cli.arguments import REPORT_FORMATS
from guidestyle._render import ReportFormat

from .conftest import ROOT

ANSWERS = ROOT / "examples" / "answers" / "situation.yaml"
HEAVY = {"pydantic", "pydantic_core", "yaml", "jinja2", "babel"}
# what a JSON result does not need: the report code, its templates, the interview, Babel
NOT_FOR_JSON = {
    "jinja2",
    "babel",
    "guidestyle._render",
    "guidestyle._jinja",
    "guidestyle._session",
}


def imported_by(
    *arguments: str, cwd: Path = ROOT
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """``python -m guidestyle ARGUMENTS``, and the names of every module it imported."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "guidestyle", *arguments],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    modules = {
        line.rpartition("|")[2].strip()
        for line in completed.stderr.splitlines()
        if line.startswith("import time:")
    }
    return completed, modules


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_building_the_parser_imports_nothing_heavy() -> None:
    completed = run_python(
        """
        import sys
        import guidestyle._cli
        guidestyle._cli.build_parser()
        print(sorted(m for m in sys.modules if m.split('.')[0] in {'pydantic', 'yaml', 'jinja2'}))
        print(sorted(m for m in sys.modules if m.startswith('guidestyle.')
                     and not m.startswith(('guidestyle._cli', 'guidestyle._version'))))
        """
    )
    assert completed.stdout == "[]\n[]\n", completed.stderr


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_import_no_library(option: str) -> None:
    completed, modules = imported_by(option)
    assert completed.returncode == 0
    assert completed.stdout.startswith("guidestyle 0" if option == "--version" else "usage:")
    assert {module.split(".")[0] for module in modules} & HEAVY == set()
    library = {
        m for m in modules if m.startswith("guidestyle.") and not m.startswith("guidestyle._cli")
    }
    assert library == {"guidestyle._version"}


def test_the_version_is_the_package_version() -> None:
    completed, _ = imported_by("--version")
    assert completed.stdout == f"guidestyle {guidestyle.__version__}\n"


def test_a_json_score_imports_no_report_code_and_prints_what_render_gives() -> None:
    completed, modules = imported_by("score", "situation", str(ANSWERS), "--format", "json")
    assert completed.returncode == 0, completed.stderr
    assert modules & NOT_FOR_JSON == set()
    document = guidestyle.load_answers(ANSWERS)
    questionnaire = guidestyle.builtin("situation")
    result = guidestyle.score(questionnaire, document)
    assert completed.stdout == guidestyle.render(result, questionnaire, "json") + "\n"
    assert json.loads(completed.stdout)["recommendation"]["style"] == "mentoring"


def test_a_json_score_of_a_builtin_reads_no_models_and_no_pydantic() -> None:
    """A built-in ships compiled: a valid response is scored and written on its plan."""
    completed, modules = imported_by("score", "situation", str(ANSWERS), "--format", "json")
    assert completed.returncode == 0, completed.stderr
    assert {module.split(".")[0] for module in modules} & {"pydantic", "pydantic_core"} == set()
    assert modules & {"guidestyle._model", "guidestyle._loader", "guidestyle._compile"} == set()


def test_invalid_answers_to_a_builtin_read_its_model_for_the_messages(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("who_is_guided: forever\n", encoding="utf-8")
    completed, modules = imported_by("score", "situation", str(answers), "--format", "json")
    assert completed.returncode == 1
    messages = [line for line in completed.stderr.splitlines() if not line.startswith("import")]
    assert messages[:2] == [
        f"{answers}:1:16: who_is_guided: unknown option 'forever'; expected one of: "
        "one_personal, one_sessions, whole_team, small_circle",
        f"{answers}: time_frame: a required question is not answered",
    ]
    assert "guidestyle._model" in modules


def test_a_json_score_ignores_template_and_language_as_render_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["score", "situation", str(ANSWERS), "--format", "json"]
    assert main(arguments) == 0
    plain = capsys.readouterr().out
    missing = str(tmp_path / "no-such-folder")
    assert main([*arguments, "--template", missing, "--language", "xx"]) == 0
    assert capsys.readouterr().out == plain


def test_a_text_report_still_uses_the_report_code() -> None:
    completed, modules = imported_by("score", "situation", str(ANSWERS))
    assert completed.returncode == 0, completed.stderr
    assert {"jinja2", "guidestyle._render", "babel.numbers"} <= modules


def test_the_report_formats_offered_are_the_renderers() -> None:
    assert get_args(ReportFormat) == REPORT_FORMATS


# An import that raises KeyboardInterrupt stands for Ctrl-C pressed while it runs.
INTERRUPT_IMPORT = """
import sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
"""


@pytest.mark.parametrize(
    "module",
    ["guidestyle._cli.score", "guidestyle._cli.common", "guidestyle._engine", "pydantic", "yaml"],
)
def test_ctrl_c_while_a_command_imports_exits_130_without_a_traceback(module: str) -> None:
    completed = run_python(
        INTERRUPT_IMPORT.format(module=module)
        + f"import guidestyle._cli\nsys.exit(guidestyle._cli.main(['score', 'situation', {str(ANSWERS)!r}]))\n"
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (130, "", "interrupted\n")


@pytest.mark.parametrize("module", ["guidestyle._cli", "guidestyle._cli.take", "argparse"])
def test_ctrl_c_before_the_command_runs_exits_130_without_a_traceback(module: str) -> None:
    """``python -m guidestyle``, interrupted while it imports the command or builds its parser."""
    completed = run_python(
        INTERRUPT_IMPORT.format(module=module)
        + "import runpy\nsys.argv = ['guidestyle', 'list']\n"
        + "runpy.run_module('guidestyle', run_name='__main__', alter_sys=True)\n"
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (130, "", "interrupted\n")


def test_ctrl_c_while_the_parser_is_built_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("guidestyle._cli.commands", interrupted)
    assert main(["--help"]) == 130
    assert capsys.readouterr() == ("", "interrupted\n")
