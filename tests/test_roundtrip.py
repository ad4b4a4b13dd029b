"""Valid questionnaires survive dump and load unchanged."""

from __future__ import annotations

import json

import yaml
from hypothesis import given

import guidestyle

from .strategies import Data, questionnaires


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@given(questionnaires())
def test_yaml_dump_then_load_gives_the_same_questionnaire(data: Data) -> None:
    loaded = guidestyle.loads(dump(data))
    assert loaded == guidestyle.Questionnaire.model_validate_json(json.dumps(data))


@given(questionnaires())
def test_model_dump_then_load_is_equal_with_an_equal_digest(data: Data) -> None:
    loaded = guidestyle.loads(dump(data))
    again = guidestyle.loads(dump(loaded.model_dump(mode="json")))
    assert again == loaded
    assert again.digest == loaded.digest
