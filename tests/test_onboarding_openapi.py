"""Schemathesis over the onboarding web example's OpenAPI document: every answer of the JSON
API, refusals included, is what the document says (results and comparisons by guidestyle's
own schemas), and none is a server error."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("schemathesis")

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import Case, GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

sys.path.append(str(Path(__file__).parent.parent / "examples"))

from onboarding_web.app import create_app

from .test_onboarding_web import answer_api, links, start

pytestmark = pytest.mark.slow

EXAMPLES = 40  # per operation kind and link; the whole test takes a few seconds


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("link", ["answering", "finished", "onboarding", "made up"])
def test_the_json_api_answers_as_its_openapi_says(
    tmp_path: Path, mode: GenerationMode, link: str
) -> None:
    app = create_app(tmp_path / "onboarding.sqlite3")
    client = TestClient(app)
    answering, _ = links(start(client))
    done = start(client)
    finished, manager = links(done)
    answer_api(client, finished)
    answer_api(client, manager)
    real = {"answering": answering, "finished": finished, "onboarding": done["id"]}
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    fixed = {"link": real[link]} if link in real else None

    @given(case=schema.as_strategy(mode, path_parameters=fixed))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case: Case[Any]) -> None:
        # An answer that fits the schema can still be wrong for the current question (its
        # value is any JSON; which kind fits depends on the question): 422 is right for it.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    check()
