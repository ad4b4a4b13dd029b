"""The two-person onboarding flow without a web server: a new hire answers the ``learner``
questionnaire and her manager ``situation``, one question at a time; she stops part-way and
resumes from the saved state; then the two views are compared.

Run:  python examples/onboarding_flow.py
"""

from __future__ import annotations

import guidestyle
from guidestyle import AnswerValue, Session

# Maya, a graduate engineer in her first month, hopes for a mentor from outside her team.
NEW_HIRE: dict[str, AnswerValue] = {
    "support_length": ("years",),
    "main_want": ("my_direction",),
    "meeting_style": ("informal",),
    "my_experience": "little",
    "when_stuck": ("others_stories",),
    "preferred_guide": "outside_senior",
    "finding_guide": "i_choose",
    "payoff": ("growth",),
    "learning_setting": "trusted_person",
    "trusted_guidance": ("seasoned",),
    "confide_outside": 5,
    "own_answers": 3,
    "clear_direction_now": 2,
    "learn_from_career": 5,
    "tracked_progress": 2,
    "follow_example": 3,
    "open_talks_waste": 1,
    "training_irrelevant": 4,
    "manager_stay_out": 3,
    "notes": "I would love to talk to someone who has worked on projects abroad.",
}

# Tom, her manager, sees a newcomer who first needs to learn the team's work from him.
MANAGER: dict[str, AnswerValue] = {
    "who_is_guided": "one_personal",
    "time_frame": ("with_the_work",),
    "main_need": ("work_done",),
    "topics": ("team_priorities", "team_standards"),
    "meeting_rhythm": ("in_the_work",),
    "paperwork": "existing_process",
    "experience_level": "little",
    "when_stuck": ("tell_own_story",),
    "guide": "line_manager",
    "leader_part": ("direct_and_assess",),
    "initiative": "comes_with_role",
    "matching": "no_choice",
    "willingness": "keen_for_plan",
    "success": ("mission_done",),
    "credibility": ("long_experience",),
}

STOP_AFTER = 9  # Maya closes the page after her eighth answer (she skips one question)


def answer(who: str, session: Session, answers: dict[str, AnswerValue], *, stop: int) -> Session:
    """Answer from ``answers`` until the session is done or ``stop`` questions are answered."""
    while (step := session.current) is not None and step.number <= stop:
        question = step.question["id"]
        if question in answers:
            session = session.answer(answers[question])
            print(f"  {who} [{step.number}/{step.total}] {question} = {answers[question]!r}")
        else:
            session = session.skip()
            print(f"  {who} [{step.number}/{step.total}] {question} skipped")
    return session


def main() -> int:
    learner = guidestyle.builtin("learner")
    situation = guidestyle.builtin("situation")

    print("Maya (new hire) answers the 'learner' questionnaire:")
    maya = answer("Maya", Session.start(learner), NEW_HIRE, stop=STOP_AFTER)
    try:
        maya.answer(7)
    except guidestyle.AnswersError as error:
        print(f"  A rejected answer changes nothing: {error.problems[0].message}")
    saved = maya.to_json()
    print(f"Maya stops. Saved state ({len(saved)} characters):\n  {saved}\n")

    print("Tom (manager) answers the 'situation' questionnaire:")
    tom = answer("Tom", Session.start(situation), MANAGER, stop=len(situation.questions))
    print()

    maya = Session.from_json(learner, saved)
    assert maya.current is not None
    print(f"Maya comes back and resumes at question {maya.current.number}:")
    maya = answer("Maya", maya, NEW_HIRE, stop=len(learner.questions))
    print()

    comparison = guidestyle.compare(
        maya.finish(), tom.finish(), labels=("Maya (new hire)", "Tom (manager)")
    )
    print(guidestyle.render_comparison(comparison, learner, situation, "text").rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
