"""The gettext catalogues, read with Babel: what the source asks to translate (extracted as
``pybabel extract`` does, with the same configuration), what each catalogue holds, and the
English fragments a translated page must not show."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).parent.parent
PLACEHOLDER = re.compile(r"%\((\w+)\)s|\{(\w+)\}")


@dataclass(frozen=True)
class Domain:
    name: str
    root: Path  # what the configuration's paths are relative to
    config: Path
    locale: Path

    def po(self, language: str) -> Path:
        return self.locale / language / "LC_MESSAGES" / f"{self.name}.po"

    def mo(self, language: str) -> Path:
        return self.po(language).with_suffix(".mo")

    @property
    def pot(self) -> Path:
        return self.locale / f"{self.name}.pot"


LIBRARY = Domain("guidestyle", ROOT, ROOT / "babel.cfg", ROOT / "src" / "guidestyle" / "locale")
WEB = Domain(
    "onboarding",
    ROOT / "examples" / "onboarding_web",
    ROOT / "examples" / "onboarding_web" / "babel.cfg",
    ROOT / "examples" / "onboarding_web" / "locale",
)
DOMAINS = (LIBRARY, WEB)
LANGUAGES = ("fr",)


def _method_map(config: Path) -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    from babel.messages import frontend

    parse = getattr(frontend, "parse_mapping_cfg", None) or frontend.parse_mapping
    with config.open(encoding="utf-8") as file:
        return parse(file)  # type: ignore[no-any-return]


def _not_hidden(directory: str) -> bool:
    """What ``pybabel extract --ignore-dirs '.* __pycache__'`` walks (Babel's own default
    would skip ``_cli``)."""
    name = os.path.basename(directory)
    return not name.startswith(".") and name != "__pycache__"


@cache
def extracted(domain: Domain) -> dict[str | tuple[str, str], str]:
    """Every message the source marks, with where it was found."""
    method_map, options_map = _method_map(domain.config)
    found: dict[str | tuple[str, str], str] = {}
    for filename, line, message, _, _ in extract_from_dir(
        domain.root,
        method_map,
        options_map,
        keywords=DEFAULT_KEYWORDS,
        directory_filter=_not_hidden,
    ):
        key = message if isinstance(message, str) else (message[0], message[1])
        found.setdefault(key, f"{filename}:{line}")
    return found


@cache
def catalogue(domain: Domain, language: str) -> Catalog:
    with domain.po(language).open("rb") as file:
        return read_po(file, locale=language, domain=domain.name)


def messages(catalog: Catalog) -> Iterator[Message]:
    return (message for message in catalog if message.id)


def key(message: Message) -> str | tuple[str, str]:
    return message.id if isinstance(message.id, str) else (message.id[0], message.id[1])


def ids(message: Message) -> tuple[str, ...]:
    """The message's English: its id, and its plural if it has one."""
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def strings(message: Message) -> tuple[str, ...]:
    """The message's translation: one text, or one per plural form."""
    string = message.string
    if string is None:
        return ("",)
    return (string,) if isinstance(string, str) else tuple(string)


def placeholders(text: str) -> set[str]:
    return {named or braced for named, braced in PLACEHOLDER.findall(text)}


def compiled(domain: Domain, language: str) -> Catalog:
    with domain.mo(language).open("rb") as file:
        return read_mo(file)


@cache
def english_fragments(language: str) -> frozenset[str]:
    """The English pieces of every message (the text between its placeholders) of two words
    or more that its translation into ``language`` does not also contain: a page in that
    language that shows one shows an untranslated message."""
    fragments = set()
    for domain in DOMAINS:
        translated = catalogue(domain, language)
        translations = " ".join(" ".join(strings(m)) for m in messages(translated))
        for message in messages(translated):
            for text in ids(message):
                for part in PLACEHOLDER.split(text):
                    piece = " ".join((part or "").strip(" :;,.()+'").split())
                    if len(piece.split()) >= 2 and piece not in translations:
                        fragments.add(piece)
    return frozenset(fragments)


def untranslated(page: str, language: str = "fr") -> list[str]:
    """The English fragments of the catalogues that ``page`` (text, Markdown or HTML) shows."""
    shown = " ".join(html.unescape(page.replace("\\", "")).split())
    return sorted(fragment for fragment in english_fragments(language) if fragment in shown)
