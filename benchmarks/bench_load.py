"""Load + validate time for a 40-question questionnaire, and refusal times for hostile files.

Prints absolute figures and the ratio to a baseline measured in the same run: PyYAML's own
C loader parsing the same text with no checks and no validation.

    python benchmarks/bench_load.py
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
from pathlib import Path

import yaml

import guidestyle
from guidestyle import QuestionnaireError

sys.path.insert(0, str(Path(__file__).parent))
from fixtures import questionnaire_yaml
from timing import microseconds, per_call

HOSTILE: dict[str, str | bytes] = {
    "python tag": "id: !!python/object/apply:os.system ['true']\n",
    "billion laughs": "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{c}: &{c} [" + ", ".join([f"*{p}"] * 9) + "]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ),
    "50,000 nested [": "[" * 50_000,
    "duplicate keys": "format: 1\nid: a\nid: b\n",
    "invalid UTF-8": b"format: 1\ntitle: \xff\n",
}


def main() -> None:
    text = questionnaire_yaml(40)
    guidestyle.loads(text)  # warm: imports, pydantic schema, caches
    full = per_call(lambda: guidestyle.loads(text))
    baseline = per_call(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    print(f"questionnaire: 40 questions, {len(text.encode()):,} bytes")
    print(f"load_and_validate: {microseconds(full)} ({full * 1e3:.2f} ms)")
    print(f"pyyaml_c_parse_only: {microseconds(baseline)}")
    print(f"load_vs_pyyaml: {full / baseline:.2f}")
    print("hostile files (each refused; seconds to the error):")
    for name, content in HOSTILE.items():
        started = time.perf_counter()
        with contextlib.suppress(QuestionnaireError):
            guidestyle.loads(content)
        print(f"  {name}: {time.perf_counter() - started:.4f} s")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.yaml"
        with path.open("wb") as file:
            file.truncate(50_000_000)
        started = time.perf_counter()
        with contextlib.suppress(QuestionnaireError):
            guidestyle.load(path)
        print(f"  50 MB file: {time.perf_counter() - started:.4f} s")


if __name__ == "__main__":
    main()
