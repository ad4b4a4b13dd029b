"""A realistic synthetic questionnaire of any size, as YAML text, for the benchmarks."""

from __future__ import annotations

STYLES = ("mentoring", "coaching", "leadership")
HEADER = """\
format: 1
id: bench
version: "1.0"
title: {{en: Benchmark questionnaire, fr: Questionnaire de mesure}}
description: {{en: Synthetic questions of every kind., fr: Questions synthétiques.}}
audience: {{en: Nobody, fr: Personne}}
languages: [en, fr]
styles:
  mentoring: {{label: Mentoring, description: Long-term development.}}
  coaching: {{label: Coaching, description: Specific skills.}}
  leadership: {{label: Leadership, description: The mission.}}
distinctions:
{distinctions}
scales:
  agree:
    min: 1
    max: 5
    labels: [Strongly disagree, Disagree, Neither, Agree, Strongly agree]
questions:
"""
DISTINCTIONS = ("duration", "focus", "formality", "experience", "line")


def questionnaire_yaml(size: int) -> str:
    """``size`` questions cycling through Likert, single, multiple and forced choice, with a
    show-if condition on every fifth question."""
    distinctions = "".join(
        f"  {d}:\n    label: {d.title()}\n"
        "    positions: {mentoring: M, coaching: C, leadership: L}\n"
        for d in DISTINCTIONS
    )
    lines = [HEADER.format(distinctions=distinctions)]
    for n in range(size):
        style = STYLES[n % 3]
        distinction = DISTINCTIONS[n % len(DISTINCTIONS)]
        common = (
            f"  - id: q{n}\n    text: {{en: Question {n}?, fr: Question {n} ?}}\n"
            f"    distinction: {distinction}\n"
        )
        if n % 5 == 4:
            common += f"    show_if: {{question: q{4 * ((n - 1) // 4)}, at_least: 2}}\n"
        kind = n % 4
        if kind == 0:
            reverse = str(n % 8 == 0).lower()
            likert = (
                f"    kind: likert\n    scale: agree\n    style: {style}\n    reverse: {reverse}\n"
            )
            lines.append(common + likert)
        elif kind in (1, 2):
            options = "".join(
                f"      - {{id: o{k}, text: Option {k}, weights: {{{STYLES[k]}: 2}}}}\n"
                for k in range(3)
            )
            kind_name = "single_choice" if kind == 1 else "multiple_choice\n    max_choices: 2"
            lines.append(common + f"    kind: {kind_name}\n    options:\n{options}")
        else:
            statements = "".join(
                f"      - {{id: s{k}, text: Statement {k}, style: {STYLES[k]}}}\n" for k in range(3)
            )
            lines.append(common + f"    kind: forced_choice\n    statements:\n{statements}")
    return "".join(lines)


def answers_for(size: int) -> dict[str, object]:
    """Valid answers to every question of ``questionnaire_yaml(size)``."""
    answers: dict[str, object] = {}
    for n in range(size):
        kind = n % 4
        if kind == 0:
            answers[f"q{n}"] = 1 + n % 5 if n % 5 != 0 else 4
        elif kind == 1:
            answers[f"q{n}"] = f"o{n % 3}"
        elif kind == 2:
            answers[f"q{n}"] = [f"o{n % 3}", f"o{(n + 1) % 3}"]
        else:
            answers[f"q{n}"] = f"s{n % 3}"
    return answers
