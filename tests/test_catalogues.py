"""The catalogues are complete: every message the source marks is in them and translated,
with the same placeholders, and the compiled ``.mo`` files and the ``.pot`` are up to date.

This is the check docs/translating.md asks for after ``pybabel extract``/``update``/
``compile``: a new or changed string without a translation fails here.
"""

from __future__ import annotations

import pytest

from .catalogues import (
    DOMAINS,
    LANGUAGES,
    Domain,
    catalogue,
    compiled,
    extracted,
    ids,
    key,
    messages,
    placeholders,
    strings,
)

CASES = [pytest.param(d, lang, id=f"{d.name}-{lang}") for d in DOMAINS for lang in LANGUAGES]


@pytest.mark.parametrize(("domain", "language"), CASES)
def test_every_message_the_source_marks_is_in_the_catalogue(domain: Domain, language: str) -> None:
    source = extracted(domain)
    held = {key(message) for message in messages(catalogue(domain, language))}
    missing = {message: where for message, where in source.items() if message not in held}
    assert missing == {}, "run pybabel extract and update (docs/translating.md)"
    assert held - set(source) == set(), "messages no longer in the source: run pybabel update"


@pytest.mark.parametrize(("domain", "language"), CASES)
def test_every_message_is_translated(domain: Domain, language: str) -> None:
    catalog = catalogue(domain, language)
    untranslated = [
        key(message)
        for message in messages(catalog)
        if message.fuzzy
        or not all(strings(message))
        or (message.pluralizable and len(strings(message)) != catalog.num_plurals)
    ]
    assert untranslated == []


@pytest.mark.parametrize(("domain", "language"), CASES)
def test_placeholders_match_between_languages(domain: Domain, language: str) -> None:
    mismatched = []
    for message in messages(catalogue(domain, language)):
        expected = set().union(*map(placeholders, ids(message)))
        for string in strings(message):
            # a singular may leave out the count ("une réponse"), never anything else
            found = placeholders(string)
            if found != expected and found | {"num"} != expected:
                mismatched.append((ids(message)[0], sorted(expected), sorted(found)))
    assert mismatched == []


@pytest.mark.parametrize(("domain", "language"), CASES)
def test_the_compiled_catalogue_is_the_catalogue(domain: Domain, language: str) -> None:
    source = {key(m): strings(m) for m in messages(catalogue(domain, language))}
    shipped = {key(m): strings(m) for m in messages(compiled(domain, language))}
    assert shipped == source, "run pybabel compile (docs/translating.md)"
    assert compiled(domain, language).num_plurals == catalogue(domain, language).num_plurals


@pytest.mark.parametrize("domain", DOMAINS, ids=[d.name for d in DOMAINS])
def test_the_template_is_what_the_source_marks(domain: Domain) -> None:
    from babel.messages.pofile import read_po

    with domain.pot.open("rb") as file:
        template = {key(message) for message in messages(read_po(file))}
    assert template == set(extracted(domain)), "run pybabel extract (docs/translating.md)"
