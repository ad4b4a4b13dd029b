"""Start-up time of the ``guidestyle`` command, against baselines measured in the same run.

Each figure is the median of 7 paired runs: every round starts the command and its
baseline one after the other, each in a fresh process of the current interpreter, so that a
noisy machine slows both alike. Prints the absolute medians, then

    version_vs_python: X     (guidestyle --version vs python -c pass; target X <= 3)
    help_vs_python: X        (guidestyle --help vs python -c pass; target X <= 3)
    score_cli_vs_imports: Y  (a cold 'score situation examples/answers/situation.yaml
                              --format json' vs python -c "import pydantic, yaml";
                              target Y <= 2)

The command is the console script beside the interpreter when there is one (as a user
runs it), else ``python -m guidestyle``. Bytecode is cached, as in an installed copy, even
where PYTHONDONTWRITEBYTECODE is set: every process of the run, baselines too, writes and
reads it in a temporary folder (PYTHONPYCACHEPREFIX), and one unmeasured run of each
command and baseline comes first.

    python benchmarks/bench_startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ROOT / "examples" / "answers" / "situation.yaml"
ROUNDS = 7


def guidestyle_command() -> list[str]:
    script = Path(sys.executable).parent / ("guidestyle.exe" if os.name == "nt" else "guidestyle")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "guidestyle"]


def seconds(command: list[str], environment: dict[str, str]) -> float:
    """Wall-clock seconds for one fresh process, from start to exit; it must succeed."""
    started = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment, check=True
    )
    return time.perf_counter() - started


def paired(
    command: list[str], baseline: list[str], environment: dict[str, str]
) -> tuple[float, float, float]:
    """Medians of the command, of its baseline and of their ratio, over paired runs."""
    seconds(command, environment)  # warm the file cache and the bytecode once, unmeasured
    seconds(baseline, environment)
    times, baselines = [], []
    for _ in range(ROUNDS):
        times.append(seconds(command, environment))
        baselines.append(seconds(baseline, environment))
    ratios = [time_ / base for time_, base in zip(times, baselines, strict=True)]
    return statistics.median(times), statistics.median(baselines), statistics.median(ratios)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as bytecode:
        environment = {
            **{
                name: value
                for name, value in os.environ.items()
                if name != "PYTHONDONTWRITEBYTECODE"
            },
            "PYTHONPYCACHEPREFIX": bytecode,
        }
        measure(environment)


def measure(environment: dict[str, str]) -> None:
    guidestyle = guidestyle_command()
    python_pass = ("python_pass", [sys.executable, "-c", "pass"])
    imports = ("import_pydantic_yaml", [sys.executable, "-c", "import pydantic, yaml"])
    score = [*guidestyle, "score", "situation", str(ANSWERS), "--format", "json"]
    cases = [  # ratio name, command name, command, its baseline
        ("version_vs_python", "version", [*guidestyle, "--version"], python_pass),
        ("help_vs_python", "help", [*guidestyle, "--help"], python_pass),
        ("score_cli_vs_imports", "score_json", score, imports),
    ]
    print(f"command: {' '.join(Path(part).name for part in guidestyle)}")
    ratios = {}
    for key, name, command, (base_name, baseline) in cases:
        median, base, ratios[key] = paired(command, baseline, environment)
        print(f"{name}: {median * 1e3:.1f} ms (baseline {base_name}: {base * 1e3:.1f} ms)")
    for key, ratio in ratios.items():
        print(f"{key}: {ratio:.2f}")


if __name__ == "__main__":
    main()
