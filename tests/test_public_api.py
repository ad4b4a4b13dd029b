"""The public API is exactly what ``__all__`` lists and what docs/api.md documents."""

from __future__ import annotations

import re

import guidestyle

from .conftest import ROOT


def documented_names() -> list[str]:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    return re.findall(r"^### `([A-Za-z_]+)", text, flags=re.MULTILINE)


def test_all_is_sorted_and_complete() -> None:
    assert guidestyle.__all__ == sorted(guidestyle.__all__)
    public = {name for name in vars(guidestyle) if not name.startswith("_")} | {"__version__"}
    assert public == set(guidestyle.__all__)


def test_all_equals_what_is_documented() -> None:
    assert documented_names() == guidestyle.__all__


def test_version_matches_the_package_metadata() -> None:
    from importlib.metadata import version

    assert guidestyle.__version__ == version("guidestyle")
