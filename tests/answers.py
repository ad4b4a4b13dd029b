"""Answers to the built-in questionnaires (version 2) that tests score, each with the call it
gets. They are the tests' own, apart from the vignettes, which are answered blind."""

from __future__ import annotations

from typing import Any

# A graduate engineer in her first month who wants a career mentor: clearly mentoring
# (96.43 / 10.71 / 7.14).
SITUATION_MENTOR: dict[str, Any] = {
    "who_is_guided": "one_personal",
    "time_frame": ["open_ended"],
    "main_need": ["broad_growth"],
    "topics": ["career_paths", "workplace_navigation"],
    "meeting_rhythm": ["when_asked", "fixed_sessions"],
    "paperwork": "light_touch",
    "experience_level": "little",
    "when_stuck": ["tell_own_story"],
    "guide": "senior_elsewhere",
    "guide_distance": ["well_apart"],
    "initiative": "they_asked",
    "matching": "shortlist",
    "success": ["described_growth"],
    "credibility": ["long_experience"],
    "notes": "She asked in particular for someone who has worked on projects abroad.",
}

# A newly promoted lead whom a programme sends to a trained coach: clearly coaching.
SITUATION_COACH: dict[str, Any] = {
    "who_is_guided": "one_sessions",
    "time_frame": ["fixed_period"],
    "main_need": ["one_skill"],
    "topics": ["one_competency", "improvement_plan"],
    "meeting_rhythm": ["fixed_sessions"],
    "paperwork": "framework",
    "experience_level": "plenty",
    "when_stuck": ["ask_questions"],
    "guide": "trained_coach",
    "guide_distance": ["apart_by_agreement"],
    "initiative": "programme_with_goals",
    "matching": "assigned_qualified",
    "willingness": "keen_for_plan",
    "success": ["measured_change"],
    "credibility": ["training"],
}

# Two sides: the line manager directs the work and a trained coach works on one skill.
# Coaching leans (75.00 against 62.50 for direct leadership).
SITUATION_LEANING: dict[str, Any] = {
    "who_is_guided": "one_sessions",
    "time_frame": ["fixed_period", "with_the_work"],
    "main_need": ["one_skill", "work_done"],
    "topics": ["one_competency", "team_priorities"],
    "meeting_rhythm": ["fixed_sessions", "in_the_work"],
    "paperwork": "existing_process",
    "experience_level": "plenty",
    "when_stuck": ["ask_questions", "give_direction"],
    "guide": "line_manager",
    "second_guide": "trained_coach",
    "leader_part": ["direct_and_assess"],
    "guide_distance": ["apart_by_agreement"],
    "initiative": "boss_asked",
    "matching": "assigned_qualified",
    "success": ["measured_change", "mission_done"],
    "credibility": ["training", "responsibility_example"],
}

# The same two sides with the coach's choice left to nobody: coaching and direct leadership
# score the same (68.75 each), a blend.
SITUATION_BLEND: dict[str, Any] = {**SITUATION_LEANING, "matching": "no_choice"}

# A new hire who hopes for a mentor from outside her team: clearly mentoring.
LEARNER_MENTOR: dict[str, Any] = {
    "support_length": ["years"],
    "main_want": ["my_direction"],
    "meeting_style": ["informal"],
    "my_experience": "little",
    "when_stuck": ["others_stories"],
    "preferred_guide": "outside_senior",
    "finding_guide": "i_choose",
    "payoff": ["growth"],
    "learning_setting": "trusted_person",
    "trusted_guidance": ["seasoned"],
    "confide_outside": 5,
    "own_answers": 3,
    "clear_direction_now": 2,
    "learn_from_career": 5,
    "tracked_progress": 2,
    "follow_example": 3,
    "open_talks_waste": 1,
    "training_irrelevant": 4,
    "manager_stay_out": 3,
}

# Someone who wants a few months of coaching on one skill: clearly coaching.
LEARNER_COACH: dict[str, Any] = {
    "support_length": ["few_months"],
    "main_want": ["one_skill"],
    "meeting_style": ["scheduled"],
    "my_experience": "plenty",
    "when_stuck": ["good_questions"],
    "preferred_guide": "trained_coach",
    "finding_guide": "matched_coach",
    "payoff": ["measurable"],
    "learning_setting": "focused_sessions",
    "trusted_guidance": ["qualified"],
    "confide_outside": 3,
    "own_answers": 5,
    "clear_direction_now": 2,
    "learn_from_career": 3,
    "tracked_progress": 5,
    "follow_example": 2,
    "open_talks_waste": 4,
    "training_irrelevant": 1,
    "manager_stay_out": 3,
}
