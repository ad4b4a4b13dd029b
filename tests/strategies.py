"""Hypothesis strategies for valid questionnaires, as plain data (what YAML or JSON gives)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

Data = dict[str, Any]

IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,8}", fullmatch=True)
WORDS = st.text(
    st.characters(categories=("L", "N", "P", "Zs"), exclude_characters="\x85\u2028\u2029"),
    min_size=1,
    max_size=30,
).filter(lambda text: text.strip() != "")


def skeleton(styles: list[str] | tuple[str, ...], questions: list[Data], **extra: Any) -> Data:
    """A valid questionnaire around ``questions``: minimal texts, one distinction ``d``."""
    return {
        "format": 1,
        "id": "x",
        "version": "1",
        "title": "t",
        "description": "t",
        "audience": "t",
        "styles": {s: {"label": s, "description": s} for s in styles},
        "distinctions": {"d": {"label": "d", "positions": dict.fromkeys(styles, "x")}},
        "questions": questions,
        **extra,
    }


@st.composite
def texts(draw: st.DrawFn, languages: list[str]) -> str | dict[str, str]:
    if draw(st.booleans()):
        return draw(WORDS)
    return {language: draw(WORDS) for language in languages}


@st.composite
def conditions(
    draw: st.DrawFn, earlier: list[Data], scales: dict[str, Data], depth: int = 0
) -> Data:
    if depth < 2 and draw(st.integers(0, 4)) == 0:
        key = draw(st.sampled_from(["all", "any"]))
        parts = draw(st.lists(conditions(earlier, scales, depth + 1), min_size=1, max_size=3))
        return {key: parts}
    target = draw(st.sampled_from(earlier))
    if target["kind"] == "likert":
        scale = scales[target["scale"]]
        points = st.integers(scale["min"], scale["max"])
        operator = draw(st.sampled_from(["equals", "one_of", "at_least"]))
        if operator == "one_of":
            return {
                "question": target["id"],
                "one_of": draw(st.lists(points, min_size=1, max_size=3)),
            }
        return {"question": target["id"], operator: draw(points)}
    choices: list[Data] = target["options"] if "options" in target else target["statements"]
    answers = [item["id"] for item in choices]
    if draw(st.booleans()):
        return {"question": target["id"], "equals": draw(st.sampled_from(answers))}
    return {
        "question": target["id"],
        "one_of": draw(st.lists(st.sampled_from(answers), min_size=1, max_size=3)),
    }


def _unique_ids(size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(IDS, min_size=size, max_size=size, unique=True)


@st.composite
def questionnaires(draw: st.DrawFn, *, max_questions: int = 8) -> Data:
    """A valid questionnaire: every reference resolves and conditions look only backward."""
    languages = draw(st.sampled_from([["en"], ["en", "fr"]]))
    text = texts(languages)
    styles = draw(_unique_ids(draw(st.integers(2, 4))))
    distinctions = draw(_unique_ids(draw(st.integers(1, 3))))
    scale_ids = draw(_unique_ids(draw(st.integers(1, 2))))
    scales: dict[str, Data] = {}
    for scale_id in scale_ids:
        low = draw(st.integers(-2, 1))
        high = low + draw(st.integers(1, 6))
        scales[scale_id] = {
            "min": low,
            "max": high,
            "labels": [draw(text) for _ in range(high - low + 1)],
        }
    question_ids = draw(_unique_ids(draw(st.integers(1, max_questions))))
    questions: list[Data] = []
    for question_id in question_ids:
        kind = draw(
            st.sampled_from(["likert", "single_choice", "multiple_choice", "forced_choice", "text"])
        )
        question: Data = {"id": question_id, "kind": kind, "text": draw(text)}
        if kind != "text":
            question["distinction"] = draw(st.sampled_from(distinctions))
        if kind == "likert":
            question |= {
                "scale": draw(st.sampled_from(scale_ids)),
                "style": draw(st.sampled_from(styles)),
                "reverse": draw(st.booleans()),
            }
        elif kind in ("single_choice", "multiple_choice"):
            option_ids = draw(_unique_ids(draw(st.integers(2, 4))))
            question["options"] = [
                {
                    "id": option_id,
                    "text": draw(text),
                    "weights": draw(
                        st.dictionaries(st.sampled_from(styles), st.integers(0, 10), max_size=2)
                    ),
                }
                for option_id in option_ids
            ]
            if kind == "multiple_choice" and draw(st.booleans()):
                question["max_choices"] = draw(st.integers(1, len(option_ids)))
        elif kind == "forced_choice":
            statement_ids = draw(_unique_ids(draw(st.integers(2, 4))))
            question["statements"] = [
                {"id": statement_id, "text": draw(text), "style": draw(st.sampled_from(styles))}
                for statement_id in statement_ids
            ]
        if kind != "text" or draw(st.booleans()):
            question["required"] = draw(st.booleans())
        scored_earlier = [q for q in questions if q["kind"] != "text"]
        if scored_earlier and draw(st.integers(0, 3)) == 0:
            question["show_if"] = draw(conditions(scored_earlier, scales))
        questions.append(question)
    clear = draw(st.integers(0, 40))
    return {
        "format": 1,
        "id": draw(IDS),
        "version": draw(st.sampled_from(["1", "1.0", "2.1.0", "012"])),
        "title": draw(text),
        "description": draw(text),
        "audience": draw(text),
        "languages": languages,
        "styles": {style: {"label": draw(text), "description": draw(text)} for style in styles},
        "distinctions": {
            distinction: {
                "label": draw(text),
                "positions": {
                    style: draw(text)
                    for style in draw(st.lists(st.sampled_from(styles), unique=True))
                },
            }
            for distinction in distinctions
        },
        "scales": scales,
        "questions": questions,
        "scoring": {
            "clear_margin": clear,
            "leaning_margin": draw(st.integers(0, clear)),
            "balanced_spread": draw(st.floats(0, 20, allow_nan=False).map(lambda x: round(x, 2))),
            "min_coverage": draw(st.sampled_from([0.25, 0.5, 1])),
        },
        "results": {
            style: {"headline": draw(text), "looks_like": draw(text), "first_steps": [draw(text)]}
            for style in draw(st.lists(st.sampled_from(styles), unique=True))
        },
    }
