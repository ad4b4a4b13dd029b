"""examples/onboarding_flow.py runs as a reader would run it and shows every part of the flow."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def test_onboarding_flow_script(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "onboarding_flow.py")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    lines = completed.stdout.splitlines()

    assert lines[0] == "Maya (new hire) answers the 'learner' questionnaire:"
    assert lines[1] == "  Maya [1/21] support_length = ('years',)"
    assert lines[7] == "  Maya [7/21] second_guide skipped"
    assert lines[10] == (
        "  A rejected answer changes nothing: expected an option id "
        "(one of: trusted_person, focused_sessions, with_my_team), found the number 7"
    )
    assert lines[11] == "Maya stops. Saved state (433 characters):"
    saved = json.loads(lines[12])
    assert (saved["position"], len(saved["answers"])) == ("learning_setting", 8)

    assert "Tom (manager) answers the 'situation' questionnaire:" in lines
    assert "  Tom [17/17] notes skipped" in lines
    resumed = lines.index("Maya comes back and resumes at question 10:")
    assert lines[resumed + 1] == "  Maya [10/21] learning_setting = 'trusted_person'"

    assert "TWO VIEWS: MAYA (NEW HIRE) AND TOM (MANAGER)" in lines
    assert (
        "The views differ: Maya (new hire) points to Mentoring, Tom (manager) to Direct leadership."
        in lines
    )
    assert "WHERE THEY AGREE AND DIFFER" in lines
    assert lines[-1] == "Maya (new hire): learner 2.0.0; Tom (manager): situation 2.0.0."
