"""Hostile questionnaire files: each is refused with a clear message by a process that exits
normally (no signal, no traceback). Timing is reported by benchmarks/bench_load.py, not
asserted here; the subprocess timeout only guards against a hang."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest


def python_tag(path: Path) -> None:
    path.write_text("format: 1\nid: !!python/object/apply:os.system ['echo pwned > pwned.txt']\n")


def billion_laughs(path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        name, previous = chr(ord("a") + index), chr(ord("a") + index - 1)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    path.write_text("\n".join(lines) + "\n")


def deep_nesting(path: Path) -> None:
    path.write_text("[" * 50_000)


def duplicate_keys(path: Path) -> None:
    path.write_text("format: 1\nid: a\nid: b\n")


def fifty_megabytes(path: Path) -> None:
    with path.open("w") as file:
        file.write("questions:\n")
        line = "  - {id: q, kind: text, text: padding padding padding padding padding}\n"
        file.write(line * (50_000_000 // len(line) + 1))
        file.truncate(50_000_000)


def invalid_utf8(path: Path) -> None:
    path.write_bytes(b"format: 1\ntitle: \xff\xfe\n")


HOSTILE: dict[str, tuple[Callable[[Path], None], str]] = {
    "python_tag": (
        python_tag,
        "{path}:2:5: id: tags are not allowed (found '!!python/object/apply:os.system') "
        "(remove the tag; write plain values)",
    ),
    "billion_laughs": (
        billion_laughs,
        "{path}:1:4: a: anchors are not allowed (found '&a') (repeat the content instead)",
    ),
    "deep_nesting": (deep_nesting, "{path}:1:33: nesting is deeper than 32 levels"),
    "duplicate_keys": (
        duplicate_keys,
        "{path}:3:1: id: duplicate key 'id' (first written on line 2)",
    ),
    "fifty_megabytes": (
        fifty_megabytes,
        "{path}:1:1: the file is too large (50,000,000 bytes; the limit is 1,000,000)",
    ),
    "invalid_utf8": (
        invalid_utf8,
        "{path}:2:8: the file is not valid UTF-8 (byte 0xff) (save it with UTF-8 encoding)",
    ),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_file_is_refused_cleanly(tmp_path: Path, name: str) -> None:
    make, expected = HOSTILE[name]
    path = tmp_path / f"{name}.yaml"
    make(path)
    completed = subprocess.run(
        [sys.executable, "-m", "guidestyle", "check", str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr  # not a signal (negative), not a crash
    assert completed.stderr == ""  # no traceback, no warning
    report = completed.stdout.splitlines()
    assert expected.format(path=path) in report
    assert report[-1] == f"{path}: invalid"
    assert not (tmp_path / "pwned.txt").exists()
