"""Unguessable ids for onboardings and participants, and the links that carry them.

A link is the credential: whoever has a participant's link answers as that person. Ids come
from :func:`secrets.token_urlsafe`. With a key, each link also carries an HMAC of its id, so
an altered or made-up link is refused before the database is asked.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

MIN_KEY_BYTES = 16
_SIGNATURE_BYTES = 16


class Links:
    def __init__(self, key: bytes | None = None) -> None:
        if key is not None and len(key) < MIN_KEY_BYTES:
            raise ValueError(f"the key must be at least {MIN_KEY_BYTES} bytes long")
        self._key = key

    @staticmethod
    def new_id() -> str:
        return secrets.token_urlsafe(16)

    def link(self, item_id: str) -> str:
        """The id as it appears in URLs."""
        if self._key is None:
            return item_id
        return f"{item_id}.{self._signature(item_id)}"

    def id_of(self, link: str) -> str | None:
        """The id a link carries, or ``None`` when the link was altered."""
        if self._key is None:
            return link
        item_id, _, signature = link.partition(".")
        expected = self._signature(item_id).encode("ascii")
        if not hmac.compare_digest(signature.encode("utf-8"), expected):
            return None
        return item_id

    def _signature(self, item_id: str) -> str:
        assert self._key is not None
        digest = hmac.new(self._key, item_id.encode("utf-8"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:_SIGNATURE_BYTES]).rstrip(b"=").decode("ascii")
