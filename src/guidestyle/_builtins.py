"""The questionnaires that ship with guidestyle, their compiled plans, and the catalogue of
distinctions.

Each built-in also ships compiled (``plans/ID.json``, written by ``tools/compile_plans.py``
and checked by the tests to match), so that scoring one needs neither its models nor
pydantic. A shipped plan records the fingerprint of the YAML it was compiled from, the
library version that compiled it and its own checksum; one that is not the YAML's, not this
version's or not intact is not used (the YAML is compiled instead).
"""

# ruff: noqa: PLC0415 - the loader and the models are imported when a questionnaire is read

from __future__ import annotations

import hashlib
import json
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._errors import Problem, QuestionnaireError, did_you_mean, expect, quoted_key
from ._plan import Plan
from ._version import __version__

if TYPE_CHECKING:  # importlib.abc lost it in Python 3.14; importlib.resources.abc is 3.11+
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

    from ._model import Catalogue, Questionnaire

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
    from ._loader import loads

    return loads(_source(questionnaire_id), source=f"{questionnaire_id}.yaml")


def _source(questionnaire_id: str) -> bytes:
    """The YAML of a built-in; :class:`QuestionnaireError` naming the built-ins if none."""
    if questionnaire_id not in builtin_ids():
        known = builtin_ids()
        asked = quoted_key(questionnaire_id)
        message = f"no built-in questionnaire {asked}; built-ins: {', '.join(known)}"
        hint = did_you_mean(questionnaire_id, known)
        raise QuestionnaireError([Problem(message, hint=hint)])
    return (_folder() / f"{questionnaire_id}.yaml").read_bytes()


def _fingerprint(content: bytes) -> str:
    return f"sha256:{hashlib.sha256(content).hexdigest()}"


def _plan_checksum(plan: object) -> str:
    """The fingerprint of a plan's data, however its file is laid out."""
    compact = json.dumps(plan, ensure_ascii=False, separators=(",", ":"))
    return _fingerprint(compact.encode("utf-8"))


def builtin_plan(questionnaire_id: str) -> Plan:
    """The compiled plan of a built-in, as shipped; compiled from its YAML instead when the
    shipped one is not the YAML's (it has changed since), not this library version's, or
    not intact (its checksum differs), or when it cannot be read."""
    return _builtin_plan(questionnaire_id)


@cache
def _builtin_plan(questionnaire_id: str) -> Plan:
    source = _source(questionnaire_id)
    try:
        with open(_plans_folder() / f"{questionnaire_id}.json", "rb") as file:
            shipped = json.load(file)
        if (
            isinstance(shipped, dict)
            and shipped.get("source") == _fingerprint(source)
            and shipped.get("library") == __version__
            and shipped.get("checksum") == _plan_checksum(shipped.get("plan"))
        ):
            return Plan.from_data(shipped["plan"], lambda: builtin(questionnaire_id))
    except (OSError, ValueError, LookupError, TypeError, AttributeError, RecursionError):
        pass  # the YAML is compiled instead
    from ._compile import compile_plan

    return compile_plan(builtin(questionnaire_id))


def plan_file_text(questionnaire_id: str) -> str:
    """What ``plans/ID.json`` holds for a built-in: its plan compiled from its YAML now, with
    the YAML's fingerprint, the library version and the plan's checksum."""
    from ._compile import compile_plan

    plan = compile_plan(builtin(questionnaire_id)).to_data()
    shipped: dict[str, Any] = {
        "source": _fingerprint(_source(questionnaire_id)),
        "library": __version__,
        "checksum": _plan_checksum(plan),
        "plan": plan,
    }
    return json.dumps(shipped, ensure_ascii=False, indent=1) + "\n"


def _plans_folder() -> Path:
    return Path(__file__).parent / "plans"


@cache
def catalogue() -> Catalogue:
    """The catalogue of distinctions the built-ins draw on, with the sources behind them."""
    from ._loader import read_document, validate
    from ._model import Catalogue

    entry = _folder() / f"{CATALOGUE}.yaml"
    document = read_document(entry.read_bytes(), f"{CATALOGUE}.yaml")
    return validate(Catalogue, document, what="a catalogue")


def resolve(name: str) -> Questionnaire:
    """A built-in id, or else the path of a questionnaire file."""
    from ._loader import load

    if name in builtin_ids():
        return builtin(name)
    if not Path(name).exists() and "/" not in name and not name.endswith((".yaml", ".yml")):
        return builtin(name)  # raises, naming the built-ins
    return load(name)
