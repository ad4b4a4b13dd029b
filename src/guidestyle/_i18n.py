"""The library's own words in a person's language: gettext catalogues, and numbers and lists
written the local way.

The words (report headings and phrases, the prompts of ``guidestyle take``, the strength
words) are English in the code, marked for extraction, and translated in the catalogues
``guidestyle/locale/<language>/LC_MESSAGES/guidestyle.mo`` (see docs/translating.md). They
are read with the standard library's :mod:`gettext`; numbers and lists are written with
Babel, imported only when a report or a prompt is written (not at start-up).

One language setting says both which texts of a questionnaire are shown and which catalogue
is used. Each falls back on its own, explicitly: a questionnaire not written in the language
shows its first language, and a language with no catalogue shows the library's words in
English; :class:`Language` says which happened, in a sentence said once.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

DOMAIN = "guidestyle"
SOURCE_LANGUAGE = "en"
"""The language the library's words are written in, and fall back to."""
LOCALE_DIR = Path(__file__).parent / "locale"
"""Where the compiled catalogues are (a test may point it elsewhere)."""
# the form of a language code the format takes (guidestyle._base.LanguageCode)
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def N_(message: str) -> str:
    """Mark ``message`` for extraction, to be translated where it is shown."""
    return message


def is_language_code(text: str) -> bool:
    return _LANGUAGE_CODE.fullmatch(text) is not None


def library_languages() -> tuple[str, ...]:
    """The languages the library's own words are in: English and each catalogue's."""
    found = (
        sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
        if LOCALE_DIR.is_dir()
        else []
    )
    return (SOURCE_LANGUAGE, *(code.replace("_", "-") for code in found))


def primary(language: str) -> str:
    """The language without its region or script: ``pt`` for ``pt-BR``."""
    return language.partition("-")[0]


def _is_source(language: str) -> bool:
    return primary(language) == SOURCE_LANGUAGE


@cache
def _translations(language: str, locale_dir: Path) -> gettext.NullTranslations | None:
    """The catalogue for ``language`` (``fr-CA`` is looked up as ``fr_CA``, then ``fr``);
    ``None`` when there is none."""
    if _is_source(language):
        return gettext.NullTranslations()
    try:
        return gettext.translation(DOMAIN, locale_dir, languages=[language.replace("-", "_")])
    except OSError:
        return None


@cache
def _babel_locale(language: str) -> Locale:
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - only to write numbers

    if language == SOURCE_LANGUAGE:  # the library's English is British: "a, b and c"
        return Locale.parse("en_GB")
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(primary(language)) if "-" in language else Locale("en")


@dataclass(frozen=True)
class Words:
    """The library's words in one language, and its numbers and lists written that way."""

    language: str
    """The language the words are in: the one asked for, or English when it has none."""
    requested: str
    _translations: gettext.NullTranslations = field(repr=False, compare=False)

    @property
    def fell_back(self) -> bool:
        """Whether the language asked for has no catalogue, so the words are in English."""
        return self.language != self.requested

    def gettext(self, message: str) -> str:
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._translations.ngettext(singular, plural, count)

    def decimal(self, value: Decimal | float, digits: int = 2) -> str:
        """``value`` with ``digits`` decimals, as the language writes it: ``18,75`` in French."""
        from babel.numbers import format_decimal  # noqa: PLC0415

        pattern = "#,##0." + "0" * digits if digits else "#,##0"
        return _spaced(format_decimal(value, pattern, locale=self.locale))

    def integer(self, value: int) -> str:
        """A whole number with the language's digit grouping: ``12 345`` in French."""
        from babel.numbers import format_decimal  # noqa: PLC0415

        return _spaced(format_decimal(value, "#,##0", locale=self.locale))

    def percent(self, value: Decimal | float, digits: int = 0) -> str:
        """``value`` (0.5 for half) as a percentage: ``50 %`` in French, ``50%`` in English."""
        from babel.numbers import format_percent  # noqa: PLC0415

        pattern = self.locale.percent_formats[None].pattern  # "#,##0 %" in French
        if digits:
            pattern = pattern.replace("0", "0." + "0" * digits, 1)
        return _spaced(format_percent(value, pattern, locale=self.locale))

    def list(self, items: Sequence[str]) -> str:
        """``a, b and c`` as the language writes it: ``a, b et c`` in French."""
        from babel.lists import format_list  # noqa: PLC0415

        return _spaced(format_list(list(items), locale=self.locale))

    def language_name(self, code: str) -> str:
        """The name of the language ``code`` in this language (``allemand``), else the code."""
        from babel import Locale, UnknownLocaleError  # noqa: PLC0415

        try:
            name = Locale.parse(code.replace("-", "_")).get_display_name(self.locale)
        except (UnknownLocaleError, ValueError):
            return code
        return name or code

    @property
    def locale(self) -> Locale:
        return _babel_locale(self.language)


def direction(language: str) -> str:
    """``rtl`` for a language written right to left, else ``ltr`` (HTML's ``dir``)."""
    return "rtl" if _babel_locale(language).character_order == "right-to-left" else "ltr"


def _spaced(text: str) -> str:
    """CLDR's narrow no-break space (French digit groups) as the one no-break space the
    project writes (docs/glossary-fr.md)."""
    return text.replace("\u202f", "\u00a0")


def words(language: str | None = None) -> Words:
    """The library's words in ``language`` (English by default, and when there is no
    catalogue for it: :attr:`Words.fell_back` then says so)."""
    requested = language or SOURCE_LANGUAGE
    found = _translations(requested, LOCALE_DIR)
    if found is None:
        return Words(SOURCE_LANGUAGE, requested, _translations(SOURCE_LANGUAGE, LOCALE_DIR))  # type: ignore[arg-type]
    return Words(requested, requested, found)


@dataclass(frozen=True)
class Language:
    """What one language setting means for a questionnaire: the language its texts are
    shown in, the library's words, and, when either fell back, a sentence that says so."""

    requested: str
    texts: str
    """One of the questionnaire's languages: the one asked for, else its first."""
    words: Words

    @property
    def notice(self) -> str | None:
        """Said once when the texts, the library's words, or both are not in the language
        asked for; ``None`` when everything is."""
        w = self.words
        names = {"language": w.language_name(self.requested), "texts": w.language_name(self.texts)}
        if self.texts_fell_back and w.fell_back:
            if _is_source(self.texts):
                return (
                    w.gettext(
                        "This questionnaire is not written in %(language)s, and guidestyle has "
                        "no translation into it, so everything is in English."
                    )
                    % names
                )
            return (
                w.gettext(
                    "This questionnaire is not written in %(language)s, and guidestyle has no "
                    "translation into it: the questionnaire's texts are in %(texts)s, and "
                    "guidestyle's own words in English."
                )
                % names
            )
        if self.texts_fell_back:
            return (
                w.gettext(
                    "This questionnaire is not written in %(language)s, so its texts are in "
                    "%(texts)s."
                )
                % names
            )
        if w.fell_back:
            return (
                w.gettext(
                    "guidestyle has no translation into %(language)s, so its own words are in "
                    "English."
                )
                % names
            )
        return None

    @property
    def texts_fell_back(self) -> bool:
        """Whether the questionnaire is not written in the language asked for (``fr`` is
        what ``fr-CA`` asks for when there is no ``fr-CA``)."""
        return self.texts not in (self.requested, primary(self.requested))

    @property
    def direction(self) -> str:
        """The direction the texts are written in: ``rtl`` or ``ltr``."""
        return direction(self.texts)


def choose_language(languages: Iterable[str], requested: str | None) -> Language:
    """What ``requested`` (by default the first of ``languages``, a questionnaire's) means
    for texts in ``languages``; ``ValueError`` if it is not a language code."""
    available = tuple(languages)
    chosen = requested or available[0]
    if not is_language_code(chosen):
        raise ValueError(f"{chosen!r} is not a language code (such as 'fr' or 'pt-BR')")
    texts = next((code for code in (chosen, primary(chosen)) if code in available), available[0])
    return Language(chosen, texts, words(chosen))
