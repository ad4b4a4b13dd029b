"""Access log lines without the links: a link is the credential of whoever holds it.

uvicorn logs each request as ``client - "METHOD path HTTP/1.1" status`` on the
``uvicorn.access`` logger. :class:`HideLinks` keeps the path's fixed words (``p``, ``api``,
``answer``, ...) and writes ``*`` for every other segment and for the query, so a line reads
``"POST /api/participants/*/answer HTTP/1.1" 200`` whatever the request carried.
"""

from __future__ import annotations

import logging

ACCESS_LOGGER = "uvicorn.access"
HIDDEN = "*"
_WORDS = frozenset(
    {
        "",
        "answer",
        "api",
        "back",
        "comparison",
        "docs",
        "manager",
        "new_hire",
        "o",
        "onboardings",
        "openapi.json",
        "p",
        "participants",
        "reports",
        "result",
        "skip",
    }
)
_PATH_ARGUMENT = 2  # uvicorn's arguments: client, method, path with query, version, status


def hide_links(path: str) -> str:
    """``path`` (with its query, if any) with every segment that is not a fixed word hidden."""
    path, query, _ = path.partition("?")
    segments = (segment if segment in _WORDS else HIDDEN for segment in path.split("/"))
    return "/".join(segments) + (f"?{HIDDEN}" if query else "")


class HideLinks(logging.Filter):
    """Rewrites the path in uvicorn's access log records with :func:`hide_links`."""

    def filter(self, record: logging.LogRecord) -> bool:
        arguments = record.args
        if isinstance(arguments, tuple) and len(arguments) > _PATH_ARGUMENT:
            path = arguments[_PATH_ARGUMENT]
            hidden = hide_links(path) if isinstance(path, str) else HIDDEN
            record.args = (*arguments[:_PATH_ARGUMENT], hidden, *arguments[_PATH_ARGUMENT + 1 :])
        return True


def hide_links_in_access_log() -> None:
    """Install :class:`HideLinks` on uvicorn's access logger, once per process.

    uvicorn sets up its loggers before it imports the app, so the filter stays in place.
    """
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(existing, HideLinks) for existing in logger.filters):
        logger.addFilter(HideLinks())
