"""A read-only mapping for the mappings inside questionnaire models and results.

Questionnaires, the built-ins among them, are cached and shared, so the mappings inside the
frozen models must not be changeable either. Unlike ``types.MappingProxyType`` this one can
be pickled and deep-copied.

Also the two field annotations that make pydantic read a mapping into one (:data:`FREEZE`)
and write it as a plain dict (:data:`AS_DICT`). They are pydantic's own validator and
serializer, made only when pydantic builds a schema, so that the results and the engine,
which use them, import no pydantic until something is validated or described.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, SerializerFunctionWrapHandler
    from pydantic_core import CoreSchema

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


def _as_dict(value: Any, handler: SerializerFunctionWrapHandler) -> Any:
    return handler(dict(value) if isinstance(value, Mapping) else value)


class _Freeze:
    """``AfterValidator(FrozenMap)``, built when a schema is."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic import AfterValidator  # noqa: PLC0415 - only when a schema is built

        return AfterValidator(FrozenMap).__get_pydantic_core_schema__(source, handler)


class _AsDict:
    """``WrapSerializer`` writing any mapping as a dict, built when a schema is."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic import WrapSerializer  # noqa: PLC0415 - only when a schema is built

        return WrapSerializer(_as_dict).__get_pydantic_core_schema__(source, handler)


FREEZE = _Freeze()
"""A mapping field is read into a :class:`FrozenMap`."""
AS_DICT = _AsDict()
"""A mapping field (a :class:`FrozenMap`, say) is written as a dict."""
