"""The questionnaires that ship with guidestyle, and the catalogue of distinctions."""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ._errors import Problem, QuestionnaireError, did_you_mean, expect, quoted_key
from ._loader import load, loads, read_document, validate
from ._model import Catalogue, Questionnaire

if TYPE_CHECKING:  # importlib.abc lost it in Python 3.14; importlib.resources.abc is 3.11+
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

CATALOGUE = "distinctions"


@cache
def _folder() -> Traversable:
    beside = Path(__file__).parent / "questionnaires"
    if beside.is_dir():  # installed: the wheel puts the folder inside the package
        return beside
    # an editable install runs from the source tree, where the folder sits at the top
    source_tree = Path(__file__).resolve().parents[2] / "questionnaires"
    if source_tree.is_dir():
        return source_tree
    return resources.files("guidestyle") / "questionnaires"  # a package not on disk (a zip)


@cache
def builtin_ids() -> tuple[str, ...]:
    """The ids of the built-in questionnaires, sorted."""
    names = (entry.name for entry in _folder().iterdir() if entry.name.endswith(".yaml"))
    return tuple(
        sorted(name.removesuffix(".yaml") for name in names if name != f"{CATALOGUE}.yaml")
    )


def builtin(questionnaire_id: str) -> Questionnaire:
    """The built-in questionnaire with this id (see :func:`builtin_ids`)."""
    expect(questionnaire_id, str, "str", "builtin(): questionnaire_id")
    return _builtin(questionnaire_id)


@cache
def _builtin(questionnaire_id: str) -> Questionnaire:
    if questionnaire_id not in builtin_ids():
        known = builtin_ids()
        asked = quoted_key(questionnaire_id)
        message = f"no built-in questionnaire {asked}; built-ins: {', '.join(known)}"
        hint = did_you_mean(questionnaire_id, known)
        raise QuestionnaireError([Problem(message, hint=hint)])
    entry = _folder() / f"{questionnaire_id}.yaml"
    return loads(entry.read_bytes(), source=f"{questionnaire_id}.yaml")


@cache
def catalogue() -> Catalogue:
    """The catalogue of distinctions the built-ins draw on, with the sources behind them."""
    entry = _folder() / f"{CATALOGUE}.yaml"
    document = read_document(entry.read_bytes(), f"{CATALOGUE}.yaml")
    return validate(Catalogue, document, what="a catalogue")


def resolve(name: str) -> Questionnaire:
    """A built-in id, or else the path of a questionnaire file."""
    if name in builtin_ids():
        return builtin(name)
    if not Path(name).exists() and "/" not in name and not name.endswith((".yaml", ".yml")):
        return builtin(name)  # raises, naming the built-ins
    return load(name)
