"""The FastAPI app: HTML pages, the JSON API under ``/api``, and how refusals are shown.

``create_app`` builds an app on a database file; the module-level ``app`` reads its settings
from the environment: ``ONBOARDING_DB`` (default ``onboarding.sqlite3`` in the current
directory), ``ONBOARDING_KEY`` (an optional link-signing key) and ``ONBOARDING_PUBLIC_URL``
(where people reach the app, for the links they are sent). Nothing touches the disk until
the first request.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from . import api, pages
from .access_log import hide_links_in_access_log
from .flow import CannotResume, Flow, FlowError, NotFound
from .i18n import N_, page_language, translations
from .links import Links
from .middleware import MAX_BODY_BYTES, BodyLimit, SecurityHeaders
from .rendering import page
from .store import Store

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"
DOCS_PATH = "/api/docs"

_TITLES: dict[type[FlowError], str] = {
    NotFound: N_("Link not found"),
    CannotResume: N_("This questionnaire has changed"),
}
_STATUS_TITLES = {
    404: N_("Page not found"),
    405: N_("Not possible here"),
    413: N_("Too much at once"),
    422: N_("That form could not be read"),
}
DID_NOT_WORK = N_("That did not work")


def create_app(
    database_path: str | Path,
    *,
    key: bytes | None = None,
    public_url: str = DEFAULT_PUBLIC_URL,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> FastAPI:
    """An onboarding app storing its data in ``database_path`` (SQLite, created on first use).

    With ``key`` (at least 16 bytes), links carry a signature and altered ones are refused;
    keep the same key for as long as links are in use. ``public_url`` is the address people
    reach the app at (``https://onboarding.example.org``): the links to send them are built
    from it, never from the request's ``Host`` header. Request bodies larger than
    ``max_body_bytes`` are refused with 413 before they are read.
    """
    base_url = checked_public_url(public_url)
    hide_links_in_access_log()
    flow = Flow(Store(database_path), Links(key))
    app = _App(
        title="guidestyle onboarding",
        docs_url=DOCS_PATH,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.include_router(pages.router(flow, base_url))
    app.include_router(api.router(flow))
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes, refusal=refusal)
    app.add_middleware(SecurityHeaders, docs_path=DOCS_PATH)  # the outer one: every response

    @app.exception_handler(FlowError)
    def refused(request: Request, error: FlowError) -> Response:
        if _wants_json(request.url.path):
            return JSONResponse({"problems": error.problems()}, status_code=error.status)
        language = _language(request)
        title = translations(language).gettext(_TITLES.get(type(error), DID_NOT_WORK))
        message = error.in_language(language)
        return page("problem.html", error.status, language=language, title=title, message=message)

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = [
            {"message": problem["msg"], "path": list(problem["loc"][1:])}
            for problem in error.errors()
        ]
        if _wants_json(request.url.path):
            return JSONResponse({"problems": problems}, status_code=422)
        message = "; ".join(_located(problem["message"], problem["path"]) for problem in problems)
        return refusal(request.url.path, 422, message, _language(request))

    @app.exception_handler(HTTPException)
    def http_refusal(request: Request, error: HTTPException) -> Response:
        response = refusal(
            request.url.path, error.status_code, str(error.detail), _language(request)
        )
        response.headers.update(error.headers or {})
        return response

    return app


class _App(FastAPI):
    def openapi(self) -> dict[str, Any]:
        """FastAPI's document, with the result and comparison schemas the API refers to."""
        document = super().openapi()
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas.update(api.schema_components())
        return document


def refusal(path: str, status: int, message: str, language: str = "en") -> Response:
    """A refusal that is not the flow's: ``{"problems": [...]}`` under ``/api``, else a page
    titled in ``language`` (the message is the web framework's, in English)."""
    if _wants_json(path):
        return JSONResponse({"problems": [{"message": message, "path": []}]}, status_code=status)
    title = translations(language).gettext(_STATUS_TITLES.get(status, DID_NOT_WORK))
    return page("problem.html", status, language=language, title=title, message=message)


def _language(request: Request) -> str:
    return page_language(request.query_params.get("lang"), request.headers.get("accept-language"))


def checked_public_url(url: str) -> str:
    """``url`` without a trailing ``/``; :class:`ValueError` unless it is an http(s) origin,
    optionally with a path, and nothing else."""
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username is not None
        or parts.query
        or parts.fragment
    ):
        raise ValueError(
            f"the public URL must be an http:// or https:// address such as "
            f"{DEFAULT_PUBLIC_URL!r}, with no user, query or fragment; found {url!r}"
        )
    return url.rstrip("/")


def _located(message: str, path: list[object]) -> str:
    return f"{'.'.join(map(str, path))}: {message}" if path else message


def _wants_json(path: str) -> bool:
    return path.startswith("/api/")


def _from_environment() -> FastAPI:
    key = os.environ.get("ONBOARDING_KEY")
    return create_app(
        os.environ.get("ONBOARDING_DB", "onboarding.sqlite3"),
        key=key.encode("utf-8") if key else None,
        public_url=os.environ.get("ONBOARDING_PUBLIC_URL", DEFAULT_PUBLIC_URL),
    )


app = _from_environment()
