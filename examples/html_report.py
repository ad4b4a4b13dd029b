"""Score answers held in a dict (as a web form or JSON API would give them) and write the
report as one self-contained HTML file.

Run:  python examples/html_report.py [FOLDER]    (default: a new temporary folder)

It writes ``report.html`` into FOLDER, never where it is run, and prints where.
"""

import sys
import tempfile
from pathlib import Path

import guidestyle

# A newly promoted team lead who does everything herself; the company funds a few months
# with an external coach so that she learns to delegate.
answers = {
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
    "success": ["measured_change", "described_growth"],
    "credibility": ["training"],
    "notes": "Delegation first; she has a big product launch in March.",
}

questionnaire = guidestyle.builtin("situation")
try:
    result = guidestyle.score(questionnaire, answers)
except guidestyle.AnswersError as error:
    sys.exit(f"invalid answers:\n{error}")

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="report-"))
folder.mkdir(parents=True, exist_ok=True)
target = folder / "report.html"
target.write_text(guidestyle.render(result, questionnaire, "html"), encoding="utf-8")
print(
    f"{result.recommendation.style} ({result.recommendation.strength}); report written to {target}"
)
