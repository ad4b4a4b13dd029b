"""The FastAPI app: HTML pages, the JSON API under ``/api``, and how refusals are shown.

``create_app`` builds an app on a database file; the module-level ``app`` reads the file from
``ONBOARDING_DB`` (default ``onboarding.sqlite3`` in the current directory) and an optional
link-signing key from ``ONBOARDING_KEY``. Nothing touches the disk until the first request.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from . import api, pages
from .flow import CannotResume, Flow, FlowError, NotFound
from .links import Links
from .rendering import page
from .store import Store

_TITLES: dict[type[FlowError], str] = {
    NotFound: "Link not found",
    CannotResume: "This questionnaire has changed",
}


def create_app(database_path: str | Path, *, key: bytes | None = None) -> FastAPI:
    """An onboarding app storing its data in ``database_path`` (SQLite, created on first use).

    With ``key`` (at least 16 bytes), links carry a signature and altered ones are refused;
    keep the same key for as long as links are in use.
    """
    flow = Flow(Store(database_path), Links(key))
    app = FastAPI(title="guidestyle onboarding", docs_url="/api/docs", redoc_url=None)
    app.include_router(pages.router(flow))
    app.include_router(api.router(flow))

    @app.exception_handler(FlowError)
    def refused(request: Request, error: FlowError) -> Response:
        if _wants_json(request):
            return JSONResponse({"problems": error.problems()}, status_code=error.status)
        title = _TITLES.get(type(error), "That did not work")
        return page("problem.html", error.status, title=title, message=error.message)

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = [
            {"message": problem["msg"], "path": list(problem["loc"][1:])}
            for problem in error.errors()
        ]
        return JSONResponse({"problems": problems}, status_code=422)

    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _from_environment() -> FastAPI:
    key = os.environ.get("ONBOARDING_KEY")
    database = os.environ.get("ONBOARDING_DB", "onboarding.sqlite3")
    return create_app(database, key=key.encode("utf-8") if key else None)


app = _from_environment()
