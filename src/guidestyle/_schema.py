"""JSON Schemas of guidestyle's formats, for editors, front ends and API contracts."""

from __future__ import annotations

from typing import Any

from ._model import Questionnaire


def questionnaire_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the questionnaire format.

    Point a YAML language server at it (``# yaml-language-server: $schema=...``) to get
    completion and checking while editing. Cross-references (a weight naming a style that
    exists, say) are beyond JSON Schema; ``guidestyle check`` covers those.
    """
    schema = Questionnaire.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }
