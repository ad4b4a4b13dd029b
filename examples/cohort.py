"""Score a synthetic cohort of 10,000 from CSV, analyse it, and write the HTML report.

Each made-up respondent leans to a style of their own and answers the built-in ``situation``
questionnaire accordingly, so the style scales hang together as a real questionnaire's would.

Run:  python examples/cohort.py [FOLDER]    (default: a new temporary folder)

It writes ``cohort.csv`` (the answers, a column per question, multiple choices as ``a;b``),
``scored.csv`` (a row per respondent: style, strength, scores) and ``analysis.html`` into
FOLDER, and prints what it did.
"""

import csv
import math
import random
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import guidestyle

RESPONDENTS = 10_000


def synthetic_cohort(
    questionnaire: guidestyle.Questionnaire, count: int, seed: int = 1
) -> Iterator[tuple[str, dict[str, object]]]:
    """Valid answers of ``count`` respondents, each leaning to the styles at random."""
    rng = random.Random(seed)
    scorer = guidestyle.Scorer(questionnaire)
    questions = []
    for question in questionnaire.questions:
        if question.scored:
            answers = [a for a in question.possible_answers(questionnaire) if a != ()]
            points = [question.answer_points(a, questionnaire) for a in answers]
            questions.append((question.id, answers, points))
    for number in range(1, count + 1):
        leaning = {style: rng.gauss(0, 1.5) for style in questionnaire.styles}
        given = {}
        for question_id, answers, points in questions:
            weights = [math.exp(sum(leaning[s] * n for s, n in p.items()) / 2) for p in points]
            given[question_id] = rng.choices(answers, weights)[0]
        shown = set(scorer.shown(given))  # a question its answers hide is not answered
        yield f"r{number:05d}", {key: value for key, value in given.items() if key in shown}


def write_csv(path: Path, questionnaire: guidestyle.Questionnaire) -> None:
    ids = [question.id for question in questionnaire.questions if question.scored]
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["respondent", *ids])
        for respondent, answers in synthetic_cohort(questionnaire, RESPONDENTS):
            cells = [answers.get(question_id) for question_id in ids]
            cells = [";".join(c) if isinstance(c, tuple) else "" if c is None else c for c in cells]
            writer.writerow([respondent, *cells])


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="cohort-"))
    folder.mkdir(parents=True, exist_ok=True)
    questionnaire = guidestyle.builtin("situation")
    answers = folder / "cohort.csv"
    write_csv(answers, questionnaire)

    # score every row, keeping each result for the analysis: one pass over the file
    tally = guidestyle.CohortTally(questionnaire)
    with (folder / "scored.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["respondent", "style", "strength", *questionnaire.styles])
        rows = guidestyle.score_rows(questionnaire, answers, id_column="respondent")
        for row in rows:
            tally.add([row])
            if isinstance(row, guidestyle.ScoredRow):
                result = row.result
                scores = [f"{result.scores[style]}" for style in questionnaire.styles]
                rec = result.recommendation
                writer.writerow([row.respondent, rec.style, rec.strength, *scores])

    analysis = tally.analysis()
    report = folder / "analysis.html"
    report.write_text(guidestyle.render_analysis(analysis, questionnaire, "html"), "utf-8")
    print(f"scored {analysis.respondents:,} respondents ({analysis.rejected} rejected)")
    for scale in analysis.scales:
        low, high = scale.interval or (math.nan, math.nan)
        print(f"{scale.style}: alpha {scale.alpha:.3f} (95% CI {low:.3f} to {high:.3f})")
    print(f"wrote {answers.name}, scored.csv and {report.name} to {folder}")


if __name__ == "__main__":
    main()
