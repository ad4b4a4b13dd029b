"""Reading answers files (YAML or JSON) with the same safe reader as questionnaires."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import BinaryIO

from . import _yaml
from ._errors import AnswersError, Problem, describe, expect
from ._files import open_regular


def read_answers_document(content: str | bytes, source: str) -> _yaml.Document:
    """Answers read into a located document; :class:`AnswersError` if unsafe or not a mapping."""
    document = _yaml.read(content, source)
    if document.problems:
        raise AnswersError(document.problems)
    if not isinstance(document.data, Mapping):
        message = (
            f"answers must be a mapping of question id to answer, found {describe(document.data)}"
        )
        raise AnswersError([Problem(message, source=source, line=1, column=1)])
    return document


def loads_answers(text: str | bytes, *, source: str = "<string>") -> dict[str, object]:
    """Answers from YAML or JSON text, as :func:`guidestyle.score` takes them.

    Read like questionnaires are: ``yes`` and ``no`` stay text, ``012`` stays ``"012"``,
    and tags, anchors and duplicate keys are refused with :class:`AnswersError`.
    """
    text = _yaml.text_argument(text, "loads_answers(): text")
    data = read_answers_document(text, source).data
    assert isinstance(data, Mapping)
    return dict(data)


def load_answers(path: str | os.PathLike[str]) -> dict[str, object]:
    """Answers from a YAML or JSON file; see :func:`loads_answers`."""
    expect(path, (str, os.PathLike), "str or os.PathLike", "load_answers(): path")
    return loads_answers(read_bounded(path), source=os.fspath(path))


def read_bounded(path: str | os.PathLike[str], stream: BinaryIO | None = None) -> bytes:
    """The answers file at ``path`` (a regular file, within the size limit), or at most the
    size limit of ``stream``: an endless input cannot fill memory."""
    limit = _yaml.MAX_BYTES
    if stream is not None:
        content = stream.read(limit + 1)
        if len(content) > limit:
            message = f"the input is too large (more than {limit:,} bytes; the limit is {limit:,})"
            raise AnswersError([Problem(message, source="<stdin>", line=1, column=1)])
        return content
    source = os.fspath(path)
    try:
        file, size = open_regular(path)
        with file:
            content = file.read(limit + 1) if size <= limit else b""
    except OSError as error:
        message = f"cannot read the file: {error.strerror or type(error).__name__}"
        raise AnswersError([Problem(message, source=source)]) from None
    if size > limit:  # said as the file's size, not as much of it as was read
        message = f"the file is too large ({size:,} bytes; the limit is {limit:,})"
        raise AnswersError([Problem(message, source=source, line=1, column=1)])
    return content
