"""The public API is exactly what ``__all__`` lists and what docs/api.md documents."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import guidestyle

from .conftest import ROOT


def documented_names() -> list[str]:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    return re.findall(r"^### `([A-Za-z_]+)", text, flags=re.MULTILINE)


def test_all_is_sorted_and_complete() -> None:
    assert guidestyle.__all__ == sorted(guidestyle.__all__)
    public = {name for name in dir(guidestyle) if not name.startswith("_")} | {"__version__"}
    assert public == set(guidestyle.__all__)


def test_every_public_name_is_importable_and_nothing_else_shows() -> None:
    namespace: dict[str, object] = {}
    exec("from guidestyle import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(guidestyle.__all__)
    for name in guidestyle.__all__:
        assert getattr(guidestyle, name) is namespace[name]
    # once every name is loaded, the module holds no other public name
    loaded = {name for name in vars(guidestyle) if not name.startswith("_")} | {"__version__"}
    assert loaded == set(guidestyle.__all__)


def test_names_are_the_objects_of_their_modules() -> None:
    from guidestyle import Questionnaire, Session, render, score
    from guidestyle._engine import score as engine_score
    from guidestyle._model import Questionnaire as ModelQuestionnaire
    from guidestyle._render import render as render_render
    from guidestyle._session import Session as SessionSession

    assert Questionnaire is ModelQuestionnaire
    assert Session is SessionSession
    assert score is engine_score
    assert render is render_render


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match=r"^module 'guidestyle' has no attribute 'nothing'$"):
        guidestyle.nothing  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(ImportError, match="cannot import name 'nothing'"):
        exec("from guidestyle import nothing", {})


def test_importing_guidestyle_loads_only_its_version() -> None:
    code = (
        "import sys, guidestyle; "
        "print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in {'guidestyle', 'pydantic', 'yaml', 'jinja2'}))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert completed.stdout == "['guidestyle', 'guidestyle._version']\n"


def test_all_equals_what_is_documented() -> None:
    assert documented_names() == guidestyle.__all__


def test_version_matches_the_package_metadata() -> None:
    from importlib.metadata import version

    assert guidestyle.__version__ == version("guidestyle")
