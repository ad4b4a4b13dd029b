"""Two views side by side: where two results agree and where they differ.

Typically the manager's ``situation`` and the new hire's ``learner``: two questionnaires
that decide between the same styles and draw the same distinctions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._errors import ResultError, expect
from ._result import JsonRecord, Points, Result, adapter_of, read_json


@dataclass(frozen=True, slots=True)
class StyleGap:
    """One style's score in each view, and how far apart they are (second minus first)."""

    style: str
    first: Points
    second: Points
    difference: Points


@dataclass(frozen=True, slots=True)
class DistinctionAgreement:
    """The style each view leans to on one distinction (``None``: no clear lean)."""

    distinction: str
    first: str | None
    second: str | None
    agree: bool
    """Both lean to the same style."""


@dataclass(frozen=True, slots=True)
class Comparison(JsonRecord):
    """Two results side by side. Serialise with :meth:`to_json`."""

    labels: tuple[str, str]
    first: Result
    second: Result
    same_style: bool
    """Both recommend the same style."""
    styles: tuple[StyleGap, ...]
    """Per style, in the first result's ranking order."""
    distinctions: tuple[DistinctionAgreement, ...]
    """Per distinction that both results have a profile for."""

    @classmethod
    def from_json(cls, text: str | bytes) -> Comparison:
        """Read a comparison written by :meth:`to_json`; :class:`ResultError` if it is not one."""
        return read_json(adapter_of(Comparison), text, "comparison")


def compare(
    first: Result, second: Result, *, labels: tuple[str, str] = ("first", "second")
) -> Comparison:
    """Put two results side by side; they must decide between the same styles."""
    expect(first, Result, "a Result", "compare(): first")
    expect(second, Result, "a Result", "compare(): second")
    if not (
        isinstance(labels, tuple) and len(labels) == 2 and all(isinstance(x, str) for x in labels)
    ):
        raise TypeError("compare(): labels must be a pair of str, such as ('manager', 'new hire')")
    if set(first.scores) != set(second.scores):
        raise ResultError(
            "the results decide between different styles: "
            f"{', '.join(first.scores)} and {', '.join(second.scores)}"
        )
    styles = tuple(
        StyleGap(
            style,
            first.scores[style],
            second.scores[style],
            second.scores[style] - first.scores[style],
        )
        for style in first.ranking
    )
    second_profile = {entry.distinction: entry for entry in second.profile}
    distinctions = tuple(
        DistinctionAgreement(
            entry.distinction,
            entry.leans_to,
            second_profile[entry.distinction].leans_to,
            entry.leans_to is not None
            and entry.leans_to == second_profile[entry.distinction].leans_to,
        )
        for entry in first.profile
        if entry.distinction in second_profile
    )
    same = first.recommendation.style == second.recommendation.style
    return Comparison(labels, first, second, same, styles, distinctions)


def comparison_schema() -> dict[str, Any]:
    """The JSON Schema of a comparison as :meth:`Comparison.to_json` writes it."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **adapter_of(Comparison).json_schema(mode="serialization"),
    }
