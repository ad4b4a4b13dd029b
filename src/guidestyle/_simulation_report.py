"""A simulation, for people: text for a terminal, or one self-contained HTML page.

As for analyses (``_analysis_report``), templates never see the models: :func:`simulation_view`
makes one plain dictionary, with the charts' geometry worked out here, and the built-in
templates render it through the one Jinja place.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from ._analysis_report import STRENGTH_LABELS, _segments, histogram_bars, percent
from ._errors import expect
from ._jinja import MAX_CHARS, builtin_environment, render_template
from ._model import Questionnaire
from ._render import check_made_from, check_report_options, questionnaire_texts
from ._simulate import MARGIN_BIN, STRENGTHS, SimulatedGroup, Simulation

SimulationFormat = Literal["text", "html", "json"]
"""The formats :func:`render_simulation` writes."""

_FORMATS: tuple[str, ...] = get_args(SimulationFormat)
_EXTENSIONS = {"text": "txt", "html": "html"}
_PERCENTILE_LABELS = {
    "min": "lowest",
    "p5": "5%",
    "p25": "25%",
    "median": "median",
    "p75": "75%",
    "p95": "95%",
    "max": "highest",
}


def render_simulation(
    simulation: Simulation,
    questionnaire: Questionnaire,
    format: SimulationFormat = "text",
    *,
    language: str | None = None,
    max_chars: int = MAX_CHARS,
) -> str:
    """Render ``simulation`` of ``questionnaire`` as ``text``, ``html`` (one self-contained
    page with SVG charts, no scripts) or ``json`` (:meth:`Simulation.to_json`, indented).
    The questionnaire's texts are in ``language``, as for :func:`render_analysis`.

    Raises :class:`ReportError` for an unknown format, a language that is not a language
    code, or a simulation of another questionnaire.
    """
    expect(simulation, Simulation, "a Simulation", "render_simulation(): simulation")
    expect(questionnaire, Questionnaire, "a Questionnaire", "render_simulation(): questionnaire")
    check_report_options(format, _FORMATS, language, max_chars, "render_simulation()")
    check_made_from(simulation.questionnaire, questionnaire, "the simulation is of")
    if format == "json":
        return simulation.to_json(indent=2)
    view = simulation_view(simulation, questionnaire, language=language)
    return render_template(
        builtin_environment(), f"simulation.{_EXTENSIONS[format]}.j2", view, max_chars=max_chars
    )


def simulation_view(
    simulation: Simulation, questionnaire: Questionnaire, *, language: str | None = None
) -> dict[str, Any]:
    """The data the simulation templates get: plain dicts, lists, strings and numbers."""
    q = questionnaire
    language, text = questionnaire_texts(q, language)  # its own words are English

    labels = {style: text(q.styles[style].label) for style in q.styles}
    return {
        "questionnaire": {
            "id": q.id,
            "version": q.version,
            "title": text(q.title),
            "digest": q.digest,
        },
        "language": language,
        "library_version": simulation.library_version,
        "seed": simulation.seed,
        "clear_margin": f"{simulation.clear_margin}",
        "leaning_margin": f"{simulation.leaning_margin}",
        "limited": simulation.limited,
        "samples": f"{simulation.samples:,}",
        "strengths": [
            {"strength": strength, "label": STRENGTH_LABELS[strength], "index": i}
            for i, strength in enumerate(STRENGTHS)
        ],
        "styles": [{"style": s, "label": labels[s], "index": i} for i, s in enumerate(q.styles)],
        "answer_space": _group(simulation.answer_space, labels),
        "two_sided": [_group(group, labels) for group in simulation.two_sided],
    }


def _group(group: SimulatedGroup, labels: dict[str, str]) -> dict[str, Any]:
    n = group.respondents
    strengths = [group.strength_count(strength) for strength in STRENGTHS]
    if group.pair:
        first, second = (labels[s] for s in group.pair)
        share = round(100 * (group.share or 0))
        title = (
            f"Half for {first}, half for {second}"
            if share == 50
            else f"{share}% for {first}, {100 - share}% for {second}"
        )
    else:
        title = "Every answer equally likely"
    return {
        "title": title,
        "pair": list(group.pair),
        "share": group.share,
        "respondents": f"{n:,}",
        "exhaustive": group.exhaustive,
        "unscored": f"{group.unscored:,}",
        "unscored_count": group.unscored,
        "strengths": [
            {"label": STRENGTH_LABELS[s], "count": f"{count:,}", "share": percent(count, n)}
            for s, count in zip(STRENGTHS, strengths, strict=True)
        ],
        "segments": _segments(strengths, list(range(len(STRENGTHS)))),
        "recommended": [
            {
                "label": labels[style],
                "count": f"{group.style_count(style):,}",
                "share": percent(group.style_count(style), n),
            }
            for style in group.recommendations
        ],
        "pair_on_top": (percent(group.pair_on_top, n) if group.pair_on_top is not None else None),
        "percentiles": [
            {"label": _PERCENTILE_LABELS[name], "value": f"{value}"}
            for name, value in group.margin_percentiles.items()
        ],
        "bars": histogram_bars(group.margins, MARGIN_BIN),
    }
