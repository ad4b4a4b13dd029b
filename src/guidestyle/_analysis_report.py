"""A cohort's analysis, for people: text for a terminal, or one self-contained HTML page.

As for single results (``_render``), templates never see the models: :func:`analysis_view`
makes one plain dictionary, numbers as display strings, with the geometry of the charts
worked out here, and the built-in templates render it through the one Jinja place.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from ._analysis import HISTOGRAM_BINS, STRENGTHS, Analysis
from ._errors import expect, printable
from ._jinja import MAX_CHARS, builtin_environment, render_template
from ._model import Questionnaire
from ._render import check_made_from, check_report_options, questionnaire_texts

AnalysisFormat = Literal["text", "html", "json"]
"""The formats :func:`render_analysis` writes."""

_FORMATS: tuple[str, ...] = get_args(AnalysisFormat)
_EXTENSIONS = {"text": "txt", "html": "html"}
STRENGTH_LABELS = {"clear": "Clear", "leaning": "Leaning", "blend": "Blend", "balanced": "Balanced"}

# the charts' drawing area, in SVG user units (the page scales them to its width)
CHART_WIDTH = 320
HISTOGRAM_HEIGHT = 90


def render_analysis(
    analysis: Analysis,
    questionnaire: Questionnaire,
    format: AnalysisFormat = "text",
    *,
    language: str | None = None,
    max_chars: int = MAX_CHARS,
) -> str:
    """Render a cohort's ``analysis`` of ``questionnaire`` as ``text``, ``html`` (one
    self-contained page with SVG charts, no scripts) or ``json`` (:meth:`Analysis.to_json`,
    indented). The questionnaire's texts are in ``language`` (by default its first, and its
    first where it lacks ``language``, as in :func:`render`); the report's own words are
    English.

    Raises :class:`ReportError` for an unknown format, a language that is not a language
    code, or an analysis of another questionnaire.
    """
    expect(analysis, Analysis, "an Analysis", "render_analysis(): analysis")
    expect(questionnaire, Questionnaire, "a Questionnaire", "render_analysis(): questionnaire")
    check_report_options(format, _FORMATS, language, max_chars, "render_analysis()")
    check_made_from(analysis.questionnaire, questionnaire, "the analysis is of")
    if format == "json":
        return analysis.to_json(indent=2)
    view = analysis_view(analysis, questionnaire, language=language)
    return render_template(
        builtin_environment(), f"analysis.{_EXTENSIONS[format]}.j2", view, max_chars=max_chars
    )


def analysis_view(
    analysis: Analysis, questionnaire: Questionnaire, *, language: str | None = None
) -> dict[str, Any]:
    """The data the analysis templates get: plain dicts, lists, strings and numbers."""
    q = questionnaire
    language, text = questionnaire_texts(q, language)  # its own words are English

    index = {style: i for i, style in enumerate(q.styles)}
    labels = {style: text(q.styles[style].label) for style in q.styles}
    n = analysis.respondents

    def style(style_id: str) -> dict[str, Any]:
        return {"style": style_id, "label": labels[style_id], "index": index[style_id]}

    return {
        "questionnaire": {
            "id": q.id,
            "version": q.version,
            "title": text(q.title),
            "digest": q.digest,
        },
        "language": language,
        "library_version": analysis.library_version,
        "respondents": f"{n:,}",
        "rejected": f"{analysis.rejected:,}",
        "rejected_count": analysis.rejected,
        "problems": [printable(problem, lines=True) for problem in analysis.problems],
        "missing": analysis.missing,
        "styles": [style(s) for s in q.styles],
        "strengths": [
            {"strength": strength, "label": STRENGTH_LABELS[strength], "index": i}
            for i, strength in enumerate(STRENGTHS)
        ],
        "recommendations": _recommendations(analysis, style, n),
        "scores": [
            {
                **style(d.style),
                "mean": _number(d.mean, 1),
                "sd": _number(d.sd, 1),
                "median": _number(d.median, 1),
                "minimum": _number(d.minimum, 1),
                "maximum": _number(d.maximum, 1),
                "bars": histogram_bars(d.histogram, 100 // HISTOGRAM_BINS),
            }
            for d in analysis.scores
        ],
        "distinctions": [
            {
                "distinction": d.distinction,
                "label": text(q.distinctions[d.distinction].label),
                "respondents": f"{d.respondents:,}",
                "leans": [
                    {**style(s), "share": percent(count, d.respondents), "count": count}
                    for s, count in d.leans.items()
                ],
                "no_lean": percent(d.no_lean, d.respondents),
                "segments": _segments(
                    [*d.leans.values(), d.no_lean], [*(index[s] for s in d.leans), None]
                ),
            }
            for d in analysis.distinctions
        ],
        "scales": [
            {
                **style(scale.style),
                "alpha": _number(scale.alpha, 3),
                "interval": (
                    f"{scale.interval[0]:.3f} to {scale.interval[1]:.3f}"
                    if scale.interval is not None
                    else "n/a"
                ),
                "standardized": _number(scale.standardized, 3),
                "respondents": f"{scale.respondents:,}",
                "left_out": list(scale.left_out),
                "warnings": list(scale.warnings),
                "items": [
                    {
                        "question": item.question,
                        "text": text(q.question(item.question).text),
                        "answered": f"{item.answered:,}",
                        "mean": _number(item.mean, 2),
                        "sd": _number(item.sd, 2),
                        "item_rest": _number(item.item_rest, 2),
                        "alpha_if_dropped": _number(item.alpha_if_dropped, 3),
                        "modal": (
                            f"{item.modal_points} ({item.modal_share:.0%})"
                            if item.modal_share is not None
                            else "n/a"
                        ),
                        "warnings": list(item.warnings),
                        "flagged": bool(item.warnings),
                    }
                    for item in scale.items
                ],
            }
            for scale in analysis.scales
        ],
        "warnings": list(analysis.warnings),
    }


def _recommendations(analysis: Analysis, style: Any, n: int) -> dict[str, Any]:
    rows = []
    for style_id, strengths in analysis.recommendations.items():
        total = sum(strengths.values())
        rows.append(
            {
                **style(style_id),
                "count": f"{total:,}",
                "share": percent(total, n),
                "strengths": [{"strength": s, "count": f"{strengths[s]:,}"} for s in STRENGTHS],
                "segments": _segments(
                    [strengths[s] for s in STRENGTHS], list(range(len(STRENGTHS))), scale=n
                ),
            }
        )
    totals = [
        sum(strengths[s] for strengths in analysis.recommendations.values()) for s in STRENGTHS
    ]
    return {
        "styles": rows,
        "totals": [
            {"label": STRENGTH_LABELS[s], "count": f"{count:,}", "share": percent(count, n)}
            for s, count in zip(STRENGTHS, totals, strict=True)
        ],
    }


def _number(value: float | None, decimals: int) -> str:
    return "n/a" if value is None else f"{value:.{decimals}f}".replace("-", "\N{MINUS SIGN}")


def percent(count: int, total: int) -> str:
    """``count`` of ``total`` as a whole percentage, ``n/a`` of nothing."""
    return f"{count / total:.0%}" if total else "n/a"


def histogram_bars(counts: tuple[int, ...], bin_width: int) -> list[dict[str, Any]]:
    """The bars of a histogram whose bins are ``bin_width`` wide: each bar's bin, count,
    height as a share of the tallest (``value``, 0-100) and x, width, y and height in the
    chart's units."""
    tallest = max(counts, default=0) or 1
    slot = CHART_WIDTH / len(counts)
    bars = []
    for i, count in enumerate(counts):
        height = HISTOGRAM_HEIGHT * count / tallest
        bars.append(
            {
                "bin": f"{i * bin_width}-{(i + 1) * bin_width}",
                "value": 100 * count / tallest,
                "x": f"{i * slot + 1:.1f}",
                "width": f"{slot - 2:.1f}",
                "y": f"{HISTOGRAM_HEIGHT - height:.1f}",
                "height": f"{height:.1f}",
                "count": f"{count:,}",
            }
        )
    return bars


def _segments(
    counts: list[int], colours: list[int | None], *, scale: int | None = None
) -> list[dict[str, Any]]:
    """A stacked bar: each count's x and width in the chart's units, out of ``scale``
    (by default the counts' sum), with its colour index (``None``: grey)."""
    total = scale if scale is not None else sum(counts)
    segments = []
    x = 0.0
    for count, colour in zip(counts, colours, strict=True):
        width = CHART_WIDTH * count / total if total else 0.0
        if width > 0:
            segments.append({"x": f"{x:.1f}", "width": f"{width:.1f}", "colour": colour})
        x += width
    return segments
