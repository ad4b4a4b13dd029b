"""Reading answers files (YAML or JSON) with the same safe reader as questionnaires."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import BinaryIO

from . import _yaml
from ._errors import AnswersError, Problem, describe


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
    data = read_answers_document(text, source).data
    assert isinstance(data, Mapping)
    return dict(data)


def load_answers(path: str | os.PathLike[str]) -> dict[str, object]:
    """Answers from a YAML or JSON file; see :func:`loads_answers`."""
    return loads_answers(read_bounded(path), source=os.fspath(path))


def read_bounded(path: str | os.PathLike[str], stream: BinaryIO | None = None) -> bytes:
    """At most one byte more than the size limit, so an endless file cannot fill memory."""
    if stream is not None:
        return stream.read(_yaml.MAX_BYTES + 1)
    try:
        with open(path, "rb") as file:
            return file.read(_yaml.MAX_BYTES + 1)
    except OSError as error:
        message = f"cannot read the file: {error.strerror}"
        raise AnswersError([Problem(message, source=os.fspath(path))]) from None
