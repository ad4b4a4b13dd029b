"""What every request and response goes through: a limit on the request body, and the
security headers.

Both are plain ASGI middleware, so they also cover the refusals the routes never see (an
unknown path, a body that cannot be parsed).
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 64 * 1024
"""The largest request body read. The largest real one, a 2,000-character note, is at most
24 KB however it is encoded (12 bytes for a character outside the BMP, as ``\\ud83d\\ude00``
in JSON or as ``%F0%9F%98%80`` in a form)."""

PAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""No scripts, no fetches, no frames; styles inline only, as the pages and guidestyle's
reports carry theirs (autoescaping keeps data out of them)."""

DOCS_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src https://cdn.jsdelivr.net; img-src https://fastapi.tiangolo.com data:; "
    "connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""FastAPI's OpenAPI page: Swagger UI from its CDN, reading the schema from this server."""

Refusal = Callable[[str, int, str], Response]
"""How the app shows a refusal: ``(path, status, message)`` to a response."""


class BodyLimit:
    """Reads at most ``max_bytes`` of a request body, before the app sees any of it.

    A larger body, whether announced by ``Content-Length`` or streamed in chunks, gets a
    413 as soon as it is known to be too large, and the connection is closed rather than
    read to its end. The body read is handed on whole, so the app never waits for a client.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int, refusal: Refusal) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.refusal = refusal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self._may_fit(Headers(scope=scope).get("content-length")):
            await self._refuse(scope, receive, send)
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            more = message.get("more_body", False)

        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()  # only a disconnect can come now
            delivered = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)

    def _may_fit(self, declared: str | None) -> bool:
        if declared is None:
            return True  # chunked, or no body: counted as it comes
        digits = declared.isascii() and declared.isdigit() and len(declared) <= 18
        return digits and int(declared) <= self.max_bytes

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = f"{self.max_bytes // 1024} KiB"
        response = self.refusal(
            scope["path"], 413, f"The request is larger than this service accepts ({limit})."
        )
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


class SecurityHeaders:
    """Adds a Content-Security-Policy, ``Referrer-Policy: no-referrer`` and the rest to every
    response. Links are credentials: no page may leak one in a ``Referer``, be framed by
    another site, or be kept by a shared cache."""

    def __init__(self, app: ASGIApp, *, docs_path: str) -> None:
        self.app = app
        self.docs_path = docs_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_POLICY if scope["path"] == self.docs_path else PAGE_POLICY

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = policy
                headers["Referrer-Policy"] = "no-referrer"
                headers["X-Frame-Options"] = "DENY"
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
