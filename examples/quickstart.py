"""Quickstart: score answers to a built-in questionnaire and print the recommendation.

Run:  python examples/quickstart.py
"""

import guidestyle

questionnaire = guidestyle.builtin("learner")
print(questionnaire.id, questionnaire.version, "-", len(questionnaire.questions), "questions")

# Answer every question with its first choice, only to have something to score; a real app
# collects answers from a person (see guidestyle.outline for what each question accepts).
answers: dict[str, object] = {}
session = guidestyle.Session.start(questionnaire)
while (step := session.current) is not None:
    question = step.question
    if question["kind"] == "likert":
        value: object = question["scale"]["max"]
    elif question["kind"] == "multiple_choice":
        value = [question["options"][0]["id"]]
    elif question["kind"] == "text":
        value = "Nothing to add."
    else:
        value = (question.get("options") or question["statements"])[0]["id"]
    session = session.answer(value)

result = session.finish()
print("Recommended:", result.recommendation.style, f"({result.recommendation.strength})")
for style, score in result.scores.items():
    print(f"  {style:<11} {score:>6}")
print("Why:", ", ".join(driver.question for driver in result.drivers))
