"""Compiling a questionnaire into its plan (see ``_plan``): each question kind gives its
reader and each condition its predicate; this module lays out the packed fields."""

from __future__ import annotations

from fractions import Fraction

from ._base import StylePoints
from ._model import Question, Questionnaire
from ._plan import Entry, Plan, Policy, field_width
from ._result import QuestionnaireRef


def compile_plan(questionnaire: Questionnaire) -> Plan:
    """The plan that scores responses to ``questionnaire``."""
    q = questionnaire
    styles = tuple(q.styles)
    maxima = [question.maximum_points(q) for question in q.questions]
    # the largest any one field can sum to: every question's most, plus one per question
    most = sum(max(points.values(), default=0) for points in maxima) + len(maxima) + 1
    width = field_width(most)

    def pack(points: StylePoints, offset: int = 0) -> int:
        """StylePoints per style packed into fields ``offset`` onwards."""
        return sum(points.get(style, 0) << ((offset + i) * width) for i, style in enumerate(styles))

    def entry(position: int, question: Question, most: StylePoints) -> Entry:
        count = len(styles)
        reaches = {style: 1 for style, points in most.items() if points > 0}
        static = reach = 0
        if question.scored:
            static = pack(most, count) + pack(reaches, 2 * count) + (1 << (3 * count * width))
            reach = pack(reaches) + (1 << (count * width))
        condition = question.show_if
        return Entry(
            id=question.id,
            position=position,
            required=question.required,
            scored=question.scored,
            distinction=question.expresses,
            condition=condition.compile() if condition is not None else None,
            reader=question.reader(q, pack, static),
            reach=reach,
        )

    policy = q.scoring
    coverage = Fraction(str(policy.min_coverage))  # exact: 0.28 of 25 is 7
    return Plan(
        ref=QuestionnaireRef(q.id, q.version, q.digest),
        styles=styles,
        distinctions=tuple(q.distinctions),
        width=width,
        entries=[
            entry(position, question, points)
            for position, (question, points) in enumerate(zip(q.questions, maxima, strict=True))
        ],
        policy=Policy(
            clear=round(policy.clear_margin * 100),
            leaning=round(policy.leaning_margin * 100),
            balanced=round(policy.balanced_spread * 100),
            coverage_ratio=(coverage.numerator, coverage.denominator),
            coverage_text=f"{policy.min_coverage:.0%}",
        ),
        questionnaire=questionnaire,
    )
