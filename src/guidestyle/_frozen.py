"""A read-only mapping for the mappings inside questionnaire models.

Questionnaires, the built-ins among them, are cached and shared, so the mappings inside the
frozen models must not be changeable either. Unlike ``types.MappingProxyType`` this one can
be pickled and deep-copied.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """A mapping that cannot be changed after it is made; equal to a dict with the same items."""

    __slots__ = ("_data",)

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._data: dict[K, V] = dict(items)

    @classmethod
    def adopt(cls, data: dict[K, V]) -> FrozenMap[K, V]:
        """A frozen map over ``data`` itself, not a copy: for a dict nobody else holds."""
        frozen: FrozenMap[K, V] = cls.__new__(cls)
        frozen._data = data
        return frozen

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return repr(self._data)

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (self._data,))

    __hash__ = None  # type: ignore[assignment]  # equal to dicts, which are unhashable
