"""Write the built-in questionnaires' compiled plans, ``src/guidestyle/plans/ID.json``.

Run after changing a built-in's YAML or how questionnaires compile; the tests fail until
the plans match (tests/test_builtin_plans.py). With ``--check``, write nothing and exit 1
if a plan is out of date. The plans are compiled by the library of this tree, whichever
one is installed.

    python tools/compile_plans.py [--check]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

TREE = Path(__file__).resolve().parent.parent
PLANS = TREE / "src" / "guidestyle" / "plans"
sys.path.insert(0, str(TREE / "src"))  # this tree's library, not another one installed

from guidestyle import builtin_ids  # noqa: E402 - after the path is set
from guidestyle._builtins import plan_file_text  # noqa: E402


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    check = parser.parse_args(arguments).check
    stale = []
    for questionnaire_id in builtin_ids():
        path = PLANS / f"{questionnaire_id}.json"
        text = plan_file_text(questionnaire_id)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path.name)
        if not check:
            PLANS.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    verb = "out of date" if check else "written"
    print(f"{verb}: {', '.join(stale)}" if stale else "the plans are up to date")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
