"""Reports: a scored result, explained for people, as text, Markdown, HTML or JSON.

Templates never see the models. :func:`build_view` turns a result and its questionnaire
into one plain, JSON-like dictionary (texts localized, numbers as display strings plus
floats for drawing), and the templates, built-in or a person's own, render that.

Every sentence of the library's own is whole, with named placeholders, and translated
through the catalogues (:mod:`guidestyle._i18n`): here with ``gettext``, in the templates
with ``_()``, ``ngettext`` and ``{% trans %}``. Numbers and lists are written the way the
report's language writes them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, get_args

from ._base import Text, TextOf, localize
from ._comparison import Comparison
from ._engine import validate_answers
from ._errors import AnswersError, expect, printable, quoted_key, shorten
from ._i18n import N_, Language, Words, choose_language
from ._jinja import (
    MAX_CHARS,
    ReportError,
    builtin_environment,
    gettext_functions,
    render_template,
    sandboxed_environment,
)
from ._model import Questionnaire
from ._result import QuestionnaireRef, Result

__all__ = ["ReportError", "ReportFormat", "build_view", "render", "render_comparison"]

ReportFormat = Literal["text", "markdown", "html", "json"]
"""The formats :func:`render` writes."""

_EXTENSIONS: dict[str, str] = {"text": "txt", "markdown": "md", "html": "html"}
_FORMATS: tuple[str, ...] = get_args(ReportFormat)


def render(
    result: Result,
    questionnaire: Questionnaire,
    format: ReportFormat = "text",
    *,
    language: str | None = None,
    template_dir: str | os.PathLike[str] | None = None,
    max_chars: int = MAX_CHARS,
    details: bool = True,
) -> str:
    """Render ``result``, scored against ``questionnaire``, as a report.

    A ``text`` report with ``details=False`` is a summary that fits one screen: the call,
    the scores as bars, the top reasons and the first steps (what ``guidestyle score`` and
    ``take`` print unless given ``--details``); the other formats are always whole.

    ``format`` is ``text`` (for a terminal), ``markdown``, ``html`` (one self-contained
    page) or ``json`` (:meth:`Result.to_json`, indented, the same in every language).

    ``language`` (a language code, by default the questionnaire's first) is the language of
    the questionnaire's texts and of the library's own words, numbers and lists. When the
    questionnaire is not written in it, its texts are in its first language; when the
    library has no catalogue for it, its words are in English; either way the report says
    so once, at the top.

    With ``template_dir``, the report is rendered from ``report.txt``, ``report.md`` or
    ``report.html`` in that folder, in a sandbox, with the same data as the built-in
    templates (see :func:`build_view`); ``json`` needs no template. Rendering stops once
    the report passes ``max_chars`` characters.

    Raises :class:`ReportError` when the format or language is unknown, the result was
    scored against a different questionnaire, or a template fails.
    """
    expect(result, Result, "a Result", "render(): result")
    expect(questionnaire, Questionnaire, "a Questionnaire", "render(): questionnaire")
    expect(template_dir, (str, os.PathLike, type(None)), "a path or None", "render(): template_dir")
    expect(details, bool, "bool", "render(): details")
    check_report_options(format, _FORMATS, language, max_chars, "render()")
    _check_questionnaire(result, questionnaire)
    if format == "json":
        return result.to_json(indent=2)
    chosen = report_language(questionnaire, language)
    view = {**build_view(result, questionnaire, language=language), "details": details}
    context = {**view, **gettext_functions(chosen.words)}
    extension = _EXTENSIONS[format]
    if template_dir is None:
        name = "summary" if format == "text" and not details else "report"
        return render_template(
            builtin_environment(), f"{name}.{extension}.j2", context, max_chars=max_chars
        )
    folder = Path(template_dir)
    if not folder.is_dir():
        raise ReportError(f"template folder '{os.fspath(template_dir)}' does not exist")
    return render_template(
        sandboxed_environment(folder), f"report.{extension}", context, max_chars=max_chars
    )


def check_report_options(
    format: object,
    formats: Sequence[str],
    language: object,
    max_chars: object,
    where: str,
) -> None:
    """``TypeError`` or :class:`ReportError` for options no report takes (every report
    function checks its options this way)."""
    expect(language, (str, type(None)), "str or None", f"{where}: language")
    expect(max_chars, int, "int", f"{where}: max_chars")
    if format not in formats:
        shown = quoted_key(format) if isinstance(format, str) else type(format).__name__
        raise ReportError(f"unknown report format {shown}; choose one of: {', '.join(formats)}")


def check_made_from(ref: QuestionnaireRef, questionnaire: Questionnaire, made: str) -> None:
    """:class:`ReportError` unless ``ref`` names ``questionnaire`` exactly; ``made`` says
    what was made from which (``the result was scored against``, ``the analysis is of``)."""
    if ref.digest == questionnaire.digest:
        return
    named = f"questionnaire {shorten(ref.id)} version {shorten(ref.version)}"  # as read: any text
    if (ref.id, ref.version) != (questionnaire.id, questionnaire.version):
        raise ReportError(f"{made} {named}, not {questionnaire.id} version {questionnaire.version}")
    raise ReportError(f"{made} {named} with a different content digest")


def _check_questionnaire(result: Result, questionnaire: Questionnaire) -> None:
    check_made_from(result.questionnaire, questionnaire, "the result was scored against")
    _check_fits(result, questionnaire)


def questionnaire_texts(
    questionnaire: Questionnaire, language: str | None
) -> tuple[str, Callable[[Text], str]]:
    """The language of the questionnaire's texts for ``language`` (see
    :func:`report_language`), and its texts in it, safe to print: for the reports whose own
    words are English."""
    q, chosen = questionnaire, report_language(questionnaire, language).texts
    return chosen, lambda value: printable(localize(value, chosen, q.languages[0]), lines=True)


def _check_fits(result: Result, questionnaire: Questionnaire) -> None:
    """A result read back from JSON was checked for consistency where it was read; here it
    must fit the questionnaire it names: the same styles, and answers that are valid for it.
    Nothing is scored again, so a stored result stays renderable as the scoring evolves."""
    unfit = (
        f"the result does not fit questionnaire {questionnaire.id} version {questionnaire.version}"
    )
    if set(result.scores) != set(questionnaire.styles):
        raise ReportError(
            f"{unfit}: its styles ({', '.join(result.scores)}) are not the questionnaire's "
            f"({', '.join(questionnaire.styles)})"
        )
    try:
        validate_answers(questionnaire, result.answers)
    except AnswersError as error:
        raise ReportError(f"{unfit}: {error}") from None
    known = set(questionnaire.distinctions)
    unknown = [p.distinction for p in result.profile if p.distinction not in known]
    if unknown:
        raise ReportError(f"{unfit}: it has no distinction {unknown[0]!r}")


def render_comparison(
    comparison: Comparison,
    first_questionnaire: Questionnaire,
    second_questionnaire: Questionnaire,
    format: ReportFormat = "text",
    *,
    language: str | None = None,
    max_chars: int = MAX_CHARS,
) -> str:
    """Render two views side by side (see :func:`guidestyle.compare`): where they agree on
    the style and on each distinction, and where they differ. Formats as :func:`render`."""
    expect(comparison, Comparison, "a Comparison", "render_comparison(): comparison")
    for name, given in (("first", first_questionnaire), ("second", second_questionnaire)):
        where = f"render_comparison(): {name}_questionnaire"
        expect(given, Questionnaire, "a Questionnaire", where)
    check_report_options(format, _FORMATS, language, max_chars, "render_comparison()")
    _check_questionnaire(comparison.first, first_questionnaire)
    _check_questionnaire(comparison.second, second_questionnaire)
    if format == "json":
        return comparison.to_json(indent=2)
    first = build_view(comparison.first, first_questionnaire, language=language)
    second = build_view(comparison.second, second_questionnaire, language=language)
    w = report_language(first_questionnaire, language).words
    labels = {style["style"]: style["label"] for style in first["styles"]}
    distinction_labels = {row["distinction"]: row["label"] for row in first["profile"]}
    no_lean = w.gettext(NO_CLEAR_LEAN)
    names = {"first": comparison.labels[0], "second": comparison.labels[1]}
    view = {
        "heading": w.gettext(TWO_VIEWS) % names,
        "labels": list(comparison.labels),
        "language": first["language"],
        "direction": first["direction"],
        "notice": first["notice"],
        "library_version": first["library_version"],
        "same_style": comparison.same_style,
        "first": first,
        "second": second,
        "styles": [
            {
                "style": gap.style,
                "label": labels.get(gap.style, gap.style),
                "first": w.decimal(gap.first),
                "second": w.decimal(gap.second),
                "first_value": float(gap.first),
                "second_value": float(gap.second),
                "difference_text": _difference(gap.difference, comparison.labels, w),
            }
            for gap in comparison.styles
        ],
        "distinctions": [
            {
                "distinction": row.distinction,
                "label": distinction_labels.get(row.distinction, row.distinction),
                "first_label": labels.get(row.first, no_lean) if row.first else no_lean,
                "second_label": labels.get(row.second, no_lean) if row.second else no_lean,
                "agree": row.agree,
            }
            for row in comparison.distinctions
        ],
    }
    extension = _EXTENSIONS[format]
    context = {**_printable(view), **gettext_functions(w)}
    return render_template(
        builtin_environment(), f"compare.{extension}.j2", context, max_chars=max_chars
    )


TWO_VIEWS = N_("Two views: %(first)s and %(second)s")
NO_CLEAR_LEAN = N_("no clear lean")
THE_SAME = N_("the same")
HIGHER_FOR = N_("%(points)s higher for %(name)s")


def _difference(difference: Decimal, labels: tuple[str, str], w: Words) -> str:
    if difference == 0:
        return w.gettext(THE_SAME)
    higher = labels[1] if difference > 0 else labels[0]
    return w.gettext(HIGHER_FOR) % {"points": w.decimal(abs(difference)), "name": higher}


# The view ----------------------------------------------------------------------------------


def report_language(questionnaire: Questionnaire, language: str | None) -> Language:
    """What ``language`` means for a report on ``questionnaire`` (see :func:`render`): the
    language of its words, and of the questionnaire's texts (its first where it lacks one)."""
    try:
        return choose_language(questionnaire.languages, language)
    except ValueError as error:
        raise ReportError(f"language {error}") from None


def build_view(
    result: Result, questionnaire: Questionnaire, *, language: str | None = None
) -> dict[str, Any]:
    """The data every report template gets: plain dicts, lists, strings and numbers.

    Its keys: ``questionnaire`` (id, version, title, description, digest), ``language``
    (the language of the questionnaire's texts), ``words_language`` (of the library's own
    words), ``direction`` (``ltr`` or ``rtl``, for HTML's ``dir``), ``notice`` (the sentence
    saying that the texts or the words fell back to another language, or ``None``),
    ``library_version``, ``styles``, ``recommendation``, ``scores`` (best first),
    ``margin``, ``drivers``, ``pulls``, ``practice``, ``profile``, ``coverage``, ``notes``
    (what the person wrote: untrusted) and ``explained``. Every style entry carries
    ``style`` (id), ``label`` and ``index`` (its position in the questionnaire, for colours).

    ``pulls`` is empty unless the call is a blend or a leaning; then it holds the two styles
    on top, each with the answers that gave it more of its score than the other (largest
    difference first, at most :data:`MAX_PULLS`) and how many more there were, and
    ``pulls_intro`` says in a sentence what the lists show (``None`` without them).
    """
    q = questionnaire
    chosen = report_language(q, language)
    language, w = chosen.texts, chosen.words

    def text(value: Text) -> str:
        return localize(value, language, q.languages[0])

    index = {style: i for i, style in enumerate(q.styles)}

    def style(style_id: str) -> dict[str, Any]:
        return {
            "style": style_id,
            "label": text(q.styles[style_id].label),
            "index": index[style_id],
        }

    rec = result.recommendation
    margin = w.decimal(result.margin)
    recommended = style(rec.style)
    runner_up = style(rec.runner_up)
    blend = [style(s) for s in rec.blend]
    headline = text(q.results[rec.style].headline) if rec.style in q.results else None
    shown = {"blend": rec.blend, "balanced": result.ranking}.get(rec.strength, (rec.style,))
    pulls = _pulls(q, result, style, text, w)
    view = {
        "questionnaire": {
            "id": q.id,
            "version": q.version,
            "title": text(q.title),
            "description": text(q.description),
            "digest": q.digest,
        },
        "language": language,
        "words_language": w.language,
        "direction": chosen.direction,
        "notice": chosen.notice,
        "library_version": result.library_version,
        "styles": [style(s) for s in q.styles],
        "recommendation": {
            **recommended,
            "strength": rec.strength,
            "strength_label": w.gettext(STRENGTH_LABELS[rec.strength]),
            "phrase": _phrase(rec.strength, recommended, blend, w),
            "summary": _summary(
                rec.strength, recommended, runner_up, blend, margin=result.margin, w=w
            ),
            "title": _title(rec.strength, recommended, blend, headline, w),
            "headline": headline,
            "runner_up": runner_up,
            "blend": blend,
            "margin": margin,
        },
        "scores": [
            {
                **style(s),
                "score": w.decimal(result.scores[s]),
                "value": float(result.scores[s]),
                "recommended": s == rec.style,
            }
            for s in result.ranking
        ],
        "margin": margin,
        "drivers": [
            {
                "question": driver.question,
                "text": text(q.question(driver.question).text),
                "answers": q.question(driver.question).answer_texts(driver.answer, q, text),
                "distinction": driver.distinction,
                "distinction_label": text(q.distinctions[driver.distinction].label),
                "difference": w.decimal(driver.difference),
            }
            for driver in result.drivers
        ],
        "pulls": pulls,
        "pulls_intro": _pulls_intro(rec.strength, pulls, w),
        "practice": [_practice(q, style(s), text) for s in shown],
        "profile": [
            {
                "distinction": p.distinction,
                "label": text(q.distinctions[p.distinction].label),
                "questions": p.questions,
                "leans_to": style(p.leans_to) if p.leans_to is not None else None,
                "stance": _stance(q, p.scores, style, w),
                "styles": [
                    {
                        **style(s),
                        "score": w.decimal(share) if share is not None else None,
                        "value": float(share) if share is not None else None,
                        "position": _position(q, p.distinction, s, text),
                    }
                    for s, share in p.scores.items()
                ],
            }
            for p in result.profile
        ],
        "coverage": {
            "shown": result.coverage.shown,
            "answered": result.coverage.answered,
            "styles": [
                {**style(s), "shown": c.shown, "answered": c.answered}
                for s, c in result.coverage.styles.items()
            ],
        },
        "notes": _notes(q, result, text),
        "explained": bool(result.contributions),
    }
    printable_view: dict[str, Any] = _printable(view)
    return printable_view


def _printable(view: Any) -> Any:
    """The view with every text in it safe to print (see :func:`guidestyle._errors.printable`):
    what a result read back from JSON says (its ``library_version``, say) and what a caller
    passed (comparison labels) as much as the questionnaire's texts and a person's notes."""
    if isinstance(view, str):
        return printable(view.replace("\r\n", "\n"), lines=True)
    if isinstance(view, dict):
        return {key: _printable(value) for key, value in view.items()}
    if isinstance(view, list):
        return [_printable(value) for value in view]
    return view


STRENGTH_LABELS: Mapping[str, str] = {
    "clear": N_("Clear fit"),
    "leaning": N_("Leaning"),
    "blend": N_("Blend"),
    "balanced": N_("Balanced"),
}
PHRASE_CLEAR = N_("a clear call for %(style)s")
PHRASE_LEANING = N_("leaning towards %(style)s")
PHRASE_BLEND = N_("a blend of %(styles)s")
PHRASE_BALANCED = N_("balanced between %(styles)s")
TITLE_BLEND = N_("A blend of %(styles)s")
TITLE_BALANCED = N_("Balanced between %(styles)s")
RECOMMENDED = N_("Recommended: %(style)s")
SUMMARY_CLEAR = N_("%(style)s is a clear fit: it scores %(margin)s points ahead of %(other)s.")
SUMMARY_LEANING = N_(
    "The answers lean towards %(style)s: it scores %(margin)s points ahead of %(other)s, "
    "which is not a wide lead."
)
SUMMARY_BLEND_SAME = N_(
    "The answers point to a blend of %(style)s and %(other)s: the two score the same, so a "
    "mix of both is likely to work best."
)
SUMMARY_BLEND = N_(
    "The answers point to a blend of %(style)s and %(other)s: the two are only %(margin)s "
    "points apart, so a mix of both is likely to work best."
)
SUMMARY_BALANCED = N_(
    "The answers are balanced between %(styles)s: no style stands out, so the situation "
    "could be met in more than one way."
)


def _phrase(
    strength: str, recommended: dict[str, Any], blend: list[dict[str, Any]], w: Words
) -> str:
    if strength in ("clear", "leaning"):
        phrase = PHRASE_CLEAR if strength == "clear" else PHRASE_LEANING
        return w.gettext(phrase) % {"style": recommended["label"]}
    phrase = PHRASE_BLEND if strength == "blend" else PHRASE_BALANCED
    return w.gettext(phrase) % {"styles": w.list([s["label"] for s in blend])}


def _title(
    strength: str,
    recommended: dict[str, Any],
    blend: list[dict[str, Any]],
    headline: str | None,
    w: Words,
) -> str:
    """The report's heading: the questionnaire's headline for a clear or leaning call."""
    if strength in ("clear", "leaning"):
        return headline or w.gettext(RECOMMENDED) % {"style": recommended["label"]}
    title = TITLE_BLEND if strength == "blend" else TITLE_BALANCED
    return w.gettext(title) % {"styles": w.list([s["label"] for s in blend])}


def _summary(
    strength: str,
    recommended: dict[str, Any],
    runner_up: dict[str, Any],
    blend: list[dict[str, Any]],
    *,
    margin: Decimal,
    w: Words,
) -> str:
    names = {
        "style": recommended["label"],
        "other": runner_up["label"],
        "margin": w.decimal(margin),
        "styles": w.list([s["label"] for s in blend]) if blend else "",
    }
    summary = {
        "clear": SUMMARY_CLEAR,
        "leaning": SUMMARY_LEANING,
        "blend": SUMMARY_BLEND_SAME if margin == 0 else SUMMARY_BLEND,
    }.get(strength, SUMMARY_BALANCED)
    return w.gettext(summary) % names


# where the answers stand on one distinction, in a word or two
STANCE_CLEARLY = N_("clearly %(style)s")
STANCE_LEANS = N_("leans to %(style)s")
STANCE_EVEN = N_("even between %(styles)s")


def _stance(
    q: Questionnaire,
    shares: Mapping[str, Decimal | None],
    style: Callable[[str], dict[str, Any]],
    w: Words,
) -> str | None:
    """What the shares on a distinction say: ``clearly`` a style when its lead over the next
    is the questionnaire's clear margin or more, ``leans to`` it when less, ``even between``
    the styles tied at the top; ``None`` when no answered question reaches any style."""
    known = sorted(((share, s) for s, share in shares.items() if share is not None), reverse=True)
    if not known:
        return None
    top = known[0][0]
    tied = [s for s, share in shares.items() if share == top]  # in the questionnaire's order
    if len(tied) > 1:
        return w.gettext(STANCE_EVEN) % {"styles": w.list([style(s)["label"] for s in tied])}
    second = known[1][0] if len(known) > 1 else Decimal(0)
    template = STANCE_CLEARLY if top - second >= q.scoring.clear_margin else STANCE_LEANS
    return w.gettext(template) % {"style": style(known[0][1])["label"]}


MAX_PULLS = 5
"""The most answers a report lists as pulling toward one of the two styles of a blend or a
leaning."""


def _pulls(
    q: Questionnaire,
    result: Result,
    style: Callable[[str], dict[str, Any]],
    text: TextOf,
    w: Words,
) -> list[dict[str, Any]]:
    """For a blend or a leaning, the answers that pulled toward each of the two styles on
    top: those whose share of one style's score is larger than their share of the other's."""
    rec = result.recommendation
    if rec.strength not in ("blend", "leaning") or not result.contributions:
        return []
    pair = (rec.style, rec.runner_up)
    toward: dict[str, list[tuple[Decimal, str]]] = {s: [] for s in pair}
    for question, shares in result.contributions.items():  # in questionnaire order
        difference = shares.get(pair[0], Decimal(0)) - shares.get(pair[1], Decimal(0))
        if difference:
            toward[pair[0] if difference > 0 else pair[1]].append((abs(difference), question))
    pulls = []
    for s, other in (pair, pair[::-1]):
        pulling = sorted(toward[s], key=lambda pull: -pull[0])  # stable: ties keep their order
        pulls.append(
            {
                **style(s),
                "other": style(other),
                "answers": [
                    {
                        "question": question,
                        "text": text(q.question(question).text),
                        "answers": q.question(question).answer_texts(
                            result.answers[question], q, text
                        ),
                        "distinction_label": text(
                            q.distinctions[q.question(question).expresses].label
                        ),
                        "difference": w.decimal(difference),
                    }
                    for difference, question in pulling[:MAX_PULLS]
                ],
                "more": max(len(pulling) - MAX_PULLS, 0),
            }
        )
    return pulls


PULLS_BLEND = N_(
    "%(first)s and %(second)s both fit these answers. The answers that pulled toward each:"
)
PULLS_LEANING = N_(
    "%(first)s leads, but %(second)s fits these answers too. The answers that pulled toward each:"
)


def _pulls_intro(strength: str, pulls: list[dict[str, Any]], w: Words) -> str | None:
    if not pulls:
        return None
    both = PULLS_BLEND if strength == "blend" else PULLS_LEANING
    return w.gettext(both) % {"first": pulls[0]["label"], "second": pulls[1]["label"]}


def _practice(q: Questionnaire, style: dict[str, Any], text: TextOf) -> dict[str, Any]:
    result = q.results.get(style["style"])
    if result is None:
        return {
            **style,
            "available": False,
            "headline": None,
            "looks_like": None,
            "first_steps": [],
        }
    return {
        **style,
        "available": True,
        "headline": text(result.headline),
        "looks_like": text(result.looks_like),
        "first_steps": [text(step) for step in result.first_steps],
    }


def _position(q: Questionnaire, distinction: str, style: str, text: TextOf) -> str | None:
    position = q.distinctions[distinction].positions.get(style)
    return text(position) if position is not None else None


def _notes(q: Questionnaire, result: Result, text: TextOf) -> list[dict[str, str]]:
    notes = []
    for question in q.questions:
        answer = result.answers.get(question.id)
        if not question.scored and isinstance(answer, str) and answer.strip():
            notes.append({"question": question.id, "text": text(question.text), "note": answer})
    return notes
