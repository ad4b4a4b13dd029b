"""Write the built-in questionnaires' compiled plans, ``src/guidestyle/plans/ID.json``.

Run after changing a built-in's YAML or how questionnaires compile; the tests fail until
the plans match (tests/test_builtin_plans.py). With ``--check``, write nothing and exit 1
if a plan is out of date.

    python tools/compile_plans.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

from guidestyle import builtin_ids
from guidestyle._builtins import plan_file_text

PLANS = Path(__file__).resolve().parent.parent / "src" / "guidestyle" / "plans"


def main(arguments: list[str]) -> int:
    check = arguments == ["--check"]
    stale = []
    PLANS.mkdir(exist_ok=True)
    for questionnaire_id in builtin_ids():
        path = PLANS / f"{questionnaire_id}.json"
        text = plan_file_text(questionnaire_id)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path.name)
        if not check:
            path.write_text(text, encoding="utf-8")
    verb = "out of date" if check else "written"
    print(f"{verb}: {', '.join(stale)}" if stale else "the plans are up to date")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
