"""A questionnaire of your own: check it, show it, and score it.

examples/questionnaire.yaml is a commented example (English and French) of the format that
docs/format.md describes. Copy it, edit it, and run `guidestyle check` on your copy.

Run:  python examples/custom_questionnaire.py
"""

from pathlib import Path

import guidestyle

path = Path(__file__).with_name("questionnaire.yaml")
try:
    questionnaire = guidestyle.load(path)
except guidestyle.QuestionnaireError as error:
    raise SystemExit(f"the questionnaire has problems:\n{error}") from None

problems = guidestyle.lint(questionnaire)
print(f"{questionnaire.id} {questionnaire.version}: {len(problems)} linter finding(s)")
for problem in problems:
    print(" ", problem)

# Ask it in French, answering each question with its last choice.
outline = guidestyle.outline(questionnaire, language="fr")
print(outline["title"])
session = guidestyle.Session.start(questionnaire)
while (step := session.current) is not None:
    question = step.question
    if not question["required"]:
        session = session.skip()
        continue
    if question["kind"] == "likert":
        session = session.answer(question["scale"]["max"])
    elif question["kind"] == "multiple_choice":
        session = session.answer([question["options"][-1]["id"]])
    else:
        session = session.answer((question.get("options") or question["statements"])[-1]["id"])

result = session.finish()
print(guidestyle.render(result, questionnaire, "markdown", language="fr").splitlines()[0])
print("Recommended:", result.recommendation.style, f"({result.recommendation.strength})")
