"""The one place that makes Jinja environments, and turns every Jinja failure into a
:class:`ReportError`.

Two environments:

* the built-in one renders the report templates shipped in ``guidestyle/templates``;
* a sandbox renders a person's own templates from a folder they name. Besides what Jinja's
  :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` refuses (unsafe attributes,
  changing lists and dicts), it limits what one template can make a computer do: the size
  of every value it builds (a list by the characters it shows as, so parts shared many
  times over count each time), measured *before* building for everything that can make far
  more than it is given (``*``, ``+``, ``~``, ``%``, ``str.format``, ``join`` and the
  filters and methods that take a width, a count or a separator); ``range()``; how many loop
  steps and calls (macros, recursive loops) run in all; how much all its values, macros and
  blocks build in all; how much text comes out; and the size of a template file read.
  Every whole number a call or an operation makes has at most :data:`MAX_DIGITS` digits.
  Bytes have no methods (``int.to_bytes`` neither), and the ``pprint`` filter and
  ``lipsum`` are not offered. Templates can include only files inside their folder.

Time and memory are so bounded in proportion to the limits. They remain a guard inside
one process: render templates from people you do not trust in a separate process with an
operating-system memory and time limit as well.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import stat
import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sized
from functools import cache, update_wrapper, wraps
from pathlib import Path
from string import Formatter
from types import TracebackType
from typing import Any, NoReturn

from jinja2 import (
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    TemplateSyntaxError,
    nodes,
    pass_context,
    pass_environment,
    select_autoescape,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.filters import do_sum, make_attrgetter
from jinja2.loaders import split_template_path
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace, _PassArg
from markupsafe import Markup

from ._errors import GuidestyleError
from ._i18n import Words

# The sandbox reads its limits each time it checks one, so a test can lower them
# (monkeypatch) and run into them quickly; MAX_CHARS is only a default of max_chars.
MAX_CHARS = 5_000_000
"""Default cap on the length of a rendered report."""
MAX_ITEMS = 1_000_000
"""Most characters (or, for ``*`` and ``+``, items) any one value a sandboxed template
builds may have; a list or mapping counts the characters it shows as."""
MAX_DIGITS = 100
"""Most digits a whole number built by ``*`` or ``**`` may have in a sandboxed template."""
MAX_RANGE = 100_000
"""Most numbers one ``range()`` may give in a sandboxed template."""
MAX_LOOP_STEPS = 1_000_000
"""Most times all the loops of one sandboxed rendering may run, together."""
MAX_SHOWN = 5_000_000
"""Most characters a list or mapping built by a sandboxed template may show as."""
MAX_BUILT = 10_000_000
"""Most characters one sandboxed rendering may build in all: values, and text written by
macros and blocks (a list counts the characters it shows as)."""
MAX_TEMPLATE_BYTES = 1_000_000
"""Most bytes a template file may have; a larger one is not read."""


class ReportError(GuidestyleError):
    """A report could not be rendered: a bad or missing template, a template that broke
    a rule of the sandbox, or a result that does not belong to the questionnaire.

    ``template`` and ``line`` say where, when that is known; ``reason`` says what.
    """

    def __init__(self, reason: str, *, template: str | None = None, line: int | None = None):
        self.reason = reason
        self.template = template
        self.line = line
        where = template if line is None or template is None else f"{template}:{line}"
        super().__init__(f"{where}: {reason}" if where else reason)


class _LimitExceeded(Exception):
    """A sandboxed template tried to build or run more than the sandbox allows."""


# Filters both environments offer -----------------------------------------------------

_BAR_FULL, _BAR_EMPTY = "█", "░"
# CommonMark's inline syntax, and GitHub's: strikethrough (~), tables (|), maths ($), emoji
# (:name:), and links made of a bare URL (https://…), an address (a@b.org) or a www. name.
# A colon before a space ("note: …") starts none of them and is left as it is.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#+|~&@$]|:(?=\S)|(?<=www)\.)", re.IGNORECASE)
# a list item, a thematic break or a heading underline when it starts a line
_MARKDOWN_LINE_START = re.compile(r"^(?:([-=])(?=[-=\s]|$)|(\d{1,9})([.)])(?=\s|$))")


def bar(value: float, width: int = 20) -> str:
    """A bar of ``width`` characters, filled in proportion to ``value`` out of 100."""
    width = max(1, min(int(width), 200))
    filled = round(max(0.0, min(float(value), 100.0)) * width / 100)
    return _BAR_FULL * filled + _BAR_EMPTY * (width - filled)


def markdown_text(value: object) -> str:
    """``value`` as inline Markdown that shows as written: markup characters are
    backslash-escaped and line breaks become spaces, so it cannot start a heading, a list,
    a table row, a link (written or from a bare URL), emphasis, maths or raw HTML."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))
    return _MARKDOWN_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


_FILTERS: Mapping[str, Callable[..., str]] = {"bar": bar, "md": markdown_text}


# Errors --------------------------------------------------------------------------------


def _location(tb: TracebackType | None) -> tuple[str | None, int | None]:
    """The template and line of the innermost template frame in ``tb``."""
    where: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if isinstance(template, Template):
            where = (template.name, template.get_corresponding_lineno(tb.tb_lineno))
        tb = tb.tb_next
    return where


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TemplateNotFound):
        name = exc.name if isinstance(exc.name, str) else str(exc)
        outside = ".." in name.replace("\\", "/").split("/") or os.path.isabs(name)
        hint = " (a template can include only files inside its folder)" if outside else ""
        return f"template {name!r} not found{hint}"
    if isinstance(exc, RecursionError):  # Python words it by where the limit was hit
        return "maximum recursion depth exceeded"
    text = exc.message if isinstance(exc, TemplateSyntaxError) else str(exc)
    text = " ".join((text or type(exc).__name__).split())
    return text.removesuffix(".")


def report_error(exc: BaseException, tb: TracebackType | None = None) -> ReportError:
    """``exc``, raised while loading or rendering a template, as a :class:`ReportError`."""
    if isinstance(exc, ReportError):
        return exc
    if isinstance(exc, TemplateSyntaxError):
        return ReportError(_reason(exc), template=exc.name, line=exc.lineno)
    template, line = _location(tb if tb is not None else exc.__traceback__)
    return ReportError(_reason(exc), template=template, line=line)


def _raise_report_error() -> NoReturn:
    """Called by Jinja inside ``except``, before it rewrites the traceback, while the
    template frames still say which template and line failed."""
    _, exc, tb = sys.exc_info()
    assert exc is not None  # only ever called while handling an exception
    raise report_error(exc, tb) from exc


# Translations --------------------------------------------------------------------------

_EXTENSIONS = ("jinja2.ext.i18n",)


def _translated(environment: Environment) -> None:
    """Set the i18n extension as babel.cfg reads the templates: new-style functions, and
    the text of a ``{% trans %}`` block trimmed of its line breaks and indentation."""
    environment.newstyle_gettext = True  # type: ignore[attr-defined]
    environment.policies["ext.i18n.trimmed"] = True


def gettext_functions(words: Words) -> dict[str, Callable[..., str]]:
    """``_``, ``gettext`` and ``ngettext`` in the language of ``words``, for a template's
    context. A named placeholder is filled in from the keywords (``ngettext`` also gives
    ``num``), escaped in an autoescaped template."""

    @pass_context
    def translated(context: Context, message: str, **variables: Any) -> str:
        return _filled(context, words.gettext(message), variables)

    @pass_context
    def translated_plural(
        context: Context, singular: str, plural: str, count: int, **variables: Any
    ) -> str:
        variables.setdefault("num", count)
        return _filled(context, words.ngettext(singular, plural, count), variables)

    return {"_": translated, "gettext": translated, "ngettext": translated_plural}


def _filled(context: Context, text: str, variables: dict[str, Any]) -> str:
    environment = context.environment
    if isinstance(environment, _Sandbox):
        environment.check("a translation", "", environment.printf_size(text, variables))
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables


# The built-in environment ----------------------------------------------------------------


class _BuiltinEnvironment(Environment):
    def handle_exception(self, source: str | None = None) -> NoReturn:
        _raise_report_error()


@cache
def builtin_environment() -> Environment:
    """The environment of the report templates that ship with guidestyle."""
    environment = _BuiltinEnvironment(
        loader=PackageLoader("guidestyle", "templates"),
        extensions=_EXTENSIONS,
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    environment.filters.update(_FILTERS)
    _translated(environment)
    return environment


# The sandbox -----------------------------------------------------------------------------


class _FolderLoader(FileSystemLoader):
    """Loads templates from one folder; a symbolic link may not lead out of it, and a file
    is read only when it is a regular file of at most :data:`MAX_TEMPLATE_BYTES`."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self._root = folder.resolve()

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            status = self._root.joinpath(*split_template_path(template)).stat()
        except OSError:
            raise TemplateNotFound(template) from None
        if not stat.S_ISREG(status.st_mode):
            raise ReportError("the template is not a regular file", template=template)
        if status.st_size > MAX_TEMPLATE_BYTES:
            raise ReportError(
                f"the template file has {status.st_size:,} bytes "
                f"(the limit is {MAX_TEMPLATE_BYTES:,})",
                template=template,
            )
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self._root):
            raise TemplateNotFound(template)
        return source, filename, uptodate


class _GuardedCodeGenerator(CodeGenerator):
    """Compiles every ``for`` loop to count its steps; every ``~``, list, tuple and mapping
    written in a template to be measured; and every buffer (a macro's, a block's) to count
    what is written into it."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        guard = nodes.EnvironmentAttribute("guard_loop", lineno=node.lineno)
        node.iter = nodes.Call(guard, [node.iter], [], None, None, lineno=node.lineno)
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # as Jinja writes it, but with the parts measured before they are joined
        join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.autoescape else str_join)"
        self.write(f"{join}(environment.guard_concat((")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write(")))")

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self.write("environment.guard_built(")
        super().visit_List(node, frame)
        self.write(")")

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self.write("environment.guard_built(")
        super().visit_Dict(node, frame)
        self.write(")")

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx != "load":  # the names an assignment sets, not a value
            super().visit_Tuple(node, frame)
            return
        self.write("environment.guard_built(")
        super().visit_Tuple(node, frame)
        self.write(")")

    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.new_buffer()")


def _size(value: Sized, count: int) -> str:
    noun = "a text of {:,} characters" if isinstance(value, str) else "a list of {:,} items"
    return noun.format(count)


def _check_power(left: Any, right: Any) -> None:
    if (
        isinstance(left, int)
        and isinstance(right, int)
        and right > 0
        and abs(left) > 1
        and right * math.log10(abs(left)) >= MAX_DIGITS
    ):
        raise _LimitExceeded(f"'**' would make a number with more than {MAX_DIGITS:,} digits")


def _check_product(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if abs(left * right) >= 10**MAX_DIGITS:
            raise _LimitExceeded(f"'*' would make a number with more than {MAX_DIGITS:,} digits")
        return
    for times, value in ((left, right), (right, left)):
        if isinstance(times, int) and isinstance(value, Sized) and len(value) * times > MAX_ITEMS:
            raise _LimitExceeded(
                f"'*' would make {_size(value, len(value) * times)} (the limit is {MAX_ITEMS:,})"
            )


def _check_sum(left: Any, right: Any) -> None:
    if isinstance(left, Sized) and isinstance(right, Sized):
        count = len(left) + len(right)
        if count > MAX_ITEMS:
            raise _LimitExceeded(
                f"'+' would make {_size(left, count)} (the limit is {MAX_ITEMS:,})"
            )


_BINOP_CHECKS: Mapping[str, Callable[[Any, Any], None]] = {
    "**": _check_power,
    "*": _check_product,
    "+": _check_sum,
}


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise _LimitExceeded(
            f"range() would make {len(numbers):,} numbers (the limit is {MAX_RANGE:,})"
        )
    return numbers


# Sizes ------------------------------------------------------------------------------------
# A value's footprint is about the number of characters it shows as: within a small factor
# of the memory it holds, and of the work of building it. Every value a sandboxed template
# builds is measured; every operation that can make far more than it is given (``*``, ``%``,
# ``join``, widths, …) is measured before it runs, so nothing past MAX_ITEMS is built; and
# all that is built counts toward MAX_BUILT.


class _BuiltList(list[Any]):
    footprint = 0


class _BuiltTuple(tuple[Any, ...]):
    footprint = 0


class _BuiltMapping(dict[Any, Any]):
    footprint = 0


_Built = _BuiltList | _BuiltTuple | _BuiltMapping
_BUILT_KINDS = frozenset({_BuiltList, _BuiltTuple, _BuiltMapping})
for _built, _name in ((_BuiltList, "list"), (_BuiltTuple, "tuple"), (_BuiltMapping, "dict")):
    _built.__name__ = _built.__qualname__ = _name  # as messages name them
_BUILT: Mapping[type, type[_Built]] = {list: _BuiltList, tuple: _BuiltTuple, dict: _BuiltMapping}
# Plain containers (the view, constants, what filters build inside their results) are
# remembered by identity, so a shared one is measured once: all of them up to _REMEMBERED,
# then only those past _SMALL, which what the template may build in all limits in number.
_REMEMBERED = 100_000
_SMALL = 256


def _limit(value: object) -> int:
    return MAX_ITEMS if isinstance(value, str) else MAX_SHOWN


def _kind(value: object) -> str:
    return "mapping" if isinstance(value, Mapping) else "list"


def _too_large(what: str, value: object, size: int) -> _LimitExceeded:
    noun = "a text of" if isinstance(value, str) else f"a {_kind(value)} that shows as"
    return _LimitExceeded(
        f"{what} would make {noun} {size:,} characters (the limit is {_limit(value):,})"
    )


def _whole(value: object) -> int:
    return max(value, 0) if type(value) is int else 0


_PRINTF_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[a-zA-Z%]")
_DIGITS = re.compile(r"\d+")


def _widths(written: Iterable[str], values: Iterable[object]) -> int:
    """The characters a format's widths and precisions can add: those written, and for
    each one taken from the values (``*``, ``{:{}}``) the largest whole number among them."""
    given = max(map(abs, (v for v in values if type(v) is int)), default=0)
    return sum(given if width in ("*", "{") else int(width or 0) for width in written)


class _Buffer(list[str]):
    """The text a macro or a block writes, counted as it is written."""

    def __init__(self, sandbox: _Sandbox) -> None:
        super().__init__()
        self._sandbox = sandbox

    def append(self, text: str) -> None:
        self._sandbox.count_built(len(text))
        super().append(text)

    def extend(self, texts: Iterable[str]) -> None:
        texts = tuple(texts)
        self._sandbox.count_built(sum(map(len, texts)))
        super().extend(texts)


class _Sandbox(ImmutableSandboxedEnvironment):
    """A sandbox for one rendering: it counts steps and what is built, so make a new one
    each time."""

    code_generator_class = _GuardedCodeGenerator
    intercepted_binops = frozenset({*_BINOP_CHECKS, "%"})

    loop_steps = 0
    built = 0

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._footprints: dict[int, tuple[object, int]] = {}  # with the value, kept alive
        self._measuring: set[int] = set()
        self._layouts: dict[int, tuple[object, int, int]] = {}

    # Sizes --------------------------------------------------------------------------------

    def footprint(self, value: object) -> int:
        """About how many characters ``value`` shows as."""
        kind = type(value)
        if kind is str or kind is Markup:
            return len(value)  # type: ignore[arg-type]
        if kind in _BUILT_KINDS:
            return value.footprint  # type: ignore[attr-defined, no-any-return]
        if kind is int:
            return value.bit_length() // 3 + 2  # type: ignore[attr-defined, no-any-return]
        if kind in (bytes, bytearray):
            return len(value)  # type: ignore[arg-type]
        if kind in (bool, float, type(None)):
            return 5
        if isinstance(value, str):
            return len(value)
        if isinstance(value, Namespace):  # changes as the template sets it: never remembered
            return self._measure(getattr(value, "_Namespace__attrs", {}))
        if not isinstance(value, (Mapping, list, tuple, set, frozenset)):
            return 16  # a macro, a loop, an undefined name: what they show as is short
        known = self._footprints.get(id(value))
        if known is not None:
            return known[1]
        size = self._measure(value)
        if size > _SMALL or len(self._footprints) < _REMEMBERED:
            self._footprints[id(value)] = (value, size)
        return size

    def _measure(self, value: Iterable[Any]) -> int:
        if id(value) in self._measuring:  # a namespace that holds itself
            return 0
        self._measuring.add(id(value))
        try:
            if isinstance(value, Mapping):
                value = itertools.chain.from_iterable(value.items())
            return 2 + sum(self.footprint(item) + 2 for item in value)
        finally:
            self._measuring.discard(id(value))

    def layout(self, value: object) -> tuple[int, int]:
        """How many line breaks ``value`` takes written one item a line, as indented JSON
        is, and how many levels of indentation its lines have in all. A part shared many
        times over is measured once."""
        if isinstance(value, Mapping):
            items: Iterable[object] = value.values()
        elif isinstance(value, (list, tuple, set, frozenset)):
            items = value
        else:
            return 0, 0
        known = self._layouts.get(id(value))
        if known is not None:
            return known[1], known[2]
        if id(value) in self._measuring:
            return 0, 0
        self._measuring.add(id(value))
        try:
            breaks = levels = 0
            for item in items:
                item_breaks, item_levels = self.layout(item)
                breaks += 1 + item_breaks
                levels += item_levels + 1 + item_breaks  # each of its lines one level in
            breaks += breaks > 0  # the closing bracket on a line of its own
        finally:
            self._measuring.discard(id(value))
        self._layouts[id(value)] = (value, breaks, levels)
        return breaks, levels

    def guard_built(self, value: Any, what: str | None = None) -> Any:
        """``value``, if it is not too large, counted toward what the template built; a
        list, tuple or mapping comes back knowing its footprint."""
        built = _BUILT.get(type(value))
        if type(value) is int and abs(value) >= 10**MAX_DIGITS:
            raise _LimitExceeded(
                f"{what or 'a value'} would make a number with more than {MAX_DIGITS:,} digits"
            )
        size = self._measure(value) if built is not None else self.footprint(value)
        if size > _limit(value):
            if what is not None:
                raise _too_large(what, value, size)
            raise _LimitExceeded(
                f"a {_kind(value)} would show as {size:,} characters "
                f"(the limit is {_limit(value):,})"
            )
        self.count_built(size)
        if built is not None:
            value = built(value)
            value.footprint = size
        return value

    def count_built(self, size: int) -> None:
        self.built += size
        if self.built > MAX_BUILT:
            raise _LimitExceeded(
                f"the template built more than {MAX_BUILT:,} characters in all "
                "(values, macros and blocks)"
            )

    def check(self, what: str, example: object, size: int) -> None:
        """Refuse to build ``size`` characters past the limit (``example`` says of what)."""
        if size > _limit(example):
            raise _too_large(what, example, size)

    def guard_concat(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        self.check("'~'", "", sum(map(self.footprint, parts)))
        return parts

    def new_buffer(self) -> _Buffer:
        return _Buffer(self)

    def printf_size(self, template: str, values: object) -> int:
        """At most how long ``template % values`` is."""
        fields = _PRINTF_FIELD.findall(template)
        if isinstance(values, Mapping):
            given: tuple[object, ...] = tuple(values.values())
        else:
            given = tuple(values) if isinstance(values, tuple) else (values,)
        widths = _widths((width for field in fields for width in field), given)
        return len(template) + widths + len(fields) * max(map(self.footprint, given), default=0)

    def format_size(self, template: str, values: tuple[object, ...]) -> int:
        """At most how long ``template.format(...)`` is, given the values it may show."""
        specs = [spec or "" for _, name, spec, _ in Formatter().parse(template) if name is not None]
        written = [width for spec in specs for width in _DIGITS.findall(spec)]
        written += ["{" for spec in specs if "{" in spec]
        largest = max(map(self.footprint, values), default=0)
        return len(template) + _widths(written, values) + len(specs) * largest

    # Operations ---------------------------------------------------------------------------

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "%":
            if isinstance(left, (bytes, bytearray)):
                left_text = left.decode("latin-1")  # one character a byte, as it formats
                self.check("'%'", "", self.printf_size(left_text, right))
            elif isinstance(left, str):
                self.check("'%'", "", self.printf_size(left, right))
        else:
            _BINOP_CHECKS[operator](left, right)
        if operator == "*":
            for times, value in ((left, right), (right, left)):
                if type(times) is int and isinstance(value, (str, list, tuple)):
                    self.check("'*'", value, self.footprint(value) * max(times, 0))
        elif operator == "+" and isinstance(left, (str, list, tuple)):
            self.check("'+'", left, self.footprint(left) + self.footprint(right))
        result = super().call_binop(context, operator, left, right)
        return self.guard_built(result, f"'{operator}'")

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Also refused: every method of bytes, and ``int.to_bytes``. Text is measured
        before its methods make it longer; bytes, which a report has no use for, are not
        offered at all (``'x'.encode()`` is a value like any other, measured by length)."""
        if isinstance(obj, (bytes, bytearray, memoryview)) or attr == "to_bytes":
            return False
        return super().is_safe_attribute(obj, attr, value)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        formatted = super().wrap_str_format(value)
        if formatted is None:
            return None
        template: str = value.__self__
        name: str = value.__name__

        def checked(*args: Any, **kwargs: Any) -> str:
            shown = [*args, *kwargs.values()]
            if name == "format_map" and args and isinstance(args[0], Mapping):
                shown = list(args[0].values())
            self.check(f"{name}()", "", self.format_size(template, tuple(shown)))
            return formatted(*args, **kwargs)

        return update_wrapper(checked, value)

    def call(self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Every call in a template (a macro, ``loop(...)`` in a recursive loop) is a step,
        and the items a recursive loop descends into are loop steps too. A text's methods
        that can make it far longer are measured first, and what any call returns after."""
        self._step()
        if isinstance(__obj, LoopContext) and args:
            args = (self.guard_loop(args[0]), *args[1:])
        name = getattr(__obj, "__name__", None)
        text = getattr(__obj, "__self__", None)
        if isinstance(text, str) and isinstance(name, str) and name in _TEXT_METHODS:
            if name == "join" and args and isinstance(args[0], Iterator):
                args = (list(args[0]), *args[1:])
            self.check(f"{name}()", "", _TEXT_METHODS[name](self, text, *args, **kwargs))
        return self.guard_built(super().call(__context, __obj, *args, **kwargs), "a call")

    def guard_loop(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            self._step()
            yield item

    def _step(self) -> None:
        self.loop_steps += 1
        if self.loop_steps > MAX_LOOP_STEPS:
            raise _LimitExceeded(f"loops and calls ran more than {MAX_LOOP_STEPS:,} steps in all")

    def guarded_filter(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """The filter ``name``, measured before when it can make far more than it is given,
        and after."""
        estimate = _FILTER_SIZES.get(name)
        passes_context = _PassArg.from_obj(function) is not None
        what = f"the {name} filter"
        example: object = [] if name in _LIST_FILTERS else ""  # what the filter makes

        @wraps(function)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if estimate is not None:
                if len(args) > passes_context and isinstance(args[passes_context], Iterator):
                    args = (
                        *args[:passes_context],
                        list(args[passes_context]),
                        *args[passes_context + 1 :],
                    )
                self.check(what, example, estimate(self, *args[passes_context:], **kwargs))
            return self.guard_built(function(*args, **kwargs), what)

        return guarded

    def handle_exception(self, source: str | None = None) -> NoReturn:
        _raise_report_error()


def _text(value: object) -> str:
    return value if isinstance(value, str) else str(value)


def _join_size(
    s: _Sandbox, value: Iterable[Any] = (), d: object = "", attribute: object = None
) -> int:
    items = list(value.keys()) if isinstance(value, Mapping) else list(value)
    return sum(map(s.footprint, items)) + max(len(items) - 1, 0) * len(_text(d))


def _lines(text: str) -> int:
    return text.count("\n") + 1


def _indent_size(s: _Sandbox, value: object = "", width: object = 4, *_: Any, **__: Any) -> int:
    text = _text(value)
    return len(text) + _lines(text) * (len(width) if isinstance(width, str) else _whole(width))


def _wordwrap_size(
    s: _Sandbox,
    value: object = "",
    width: object = 79,
    break_long_words: object = True,
    wrapstring: object = None,
    *_: Any,
    **__: Any,
) -> int:
    text = _text(value)
    lines = len(text) // max(_whole(width), 1) + _lines(text)
    return len(text) + lines * len(_text(wrapstring or "\n"))


def _replace_size(
    s: _Sandbox, value: object = "", old: object = "", new: object = "", count: object = None
) -> int:
    text, old_text, new_text = _text(value), _text(old), _text(new)
    occurrences = text.count(old_text) if old_text else len(text) + 1
    if type(count) is int and count >= 0:
        occurrences = min(occurrences, count)
    return len(text) + occurrences * max(len(new_text) - len(old_text), 0)


def _tojson_size(s: _Sandbox, value: object = None, indent: object = None) -> int:
    # each character at most six (\u003c for <), and with an indent each line indented
    if indent is None:
        return 6 * s.footprint(value)
    breaks, levels = s.layout(value)
    width = len(indent) if isinstance(indent, str) else _whole(indent)
    return 6 * s.footprint(value) + breaks + levels * width


_ESCAPED = "&<>\"'"


def _urlize_size(s: _Sandbox, value: object = "", *args: Any, **kwargs: Any) -> int:
    # urlize(value, trim_url_limit, nofollow, target, rel, extra_schemes)
    target = kwargs.get("target", args[2] if len(args) > 2 else None)
    rel = kwargs.get("rel", args[3] if len(args) > 3 else None)
    # the text escaped (each of &<>"' at most five characters), every word at most twice
    # (the link and its text), and each with the link's attributes
    text = _text(value)
    escaped = len(text) + 4 * sum(map(text.count, _ESCAPED))
    words = len(_SPACES.findall(text)) + 1
    attributes = 5 * (len(_text(target or "")) + len(_text(rel or ""))) + 64
    return 2 * escaped + words * attributes


_SPACES = re.compile(r"\s+")


def _padded_size(
    s: _Sandbox, value: object = (), count: object = 1, fill_with: object = None
) -> int:
    # batch and slice: the items in lists, and up to `count` fillers or lists more
    return 2 * s.footprint(value) + _whole(count) * (s.footprint(fill_with) + 4)


_FILTER_SIZES: Mapping[str, Callable[..., int]] = {
    "join": _join_size,
    "center": lambda s, value="", width=80, *_, **__: max(len(_text(value)), _whole(width)),
    "indent": _indent_size,
    "wordwrap": _wordwrap_size,
    "format": lambda s, value="", *args, **kwargs: s.printf_size(_text(value), kwargs or args),
    "replace": _replace_size,
    "batch": _padded_size,
    "slice": _padded_size,
    "truncate": lambda s, value="", length=255, killwords=False, end="...", *_, **__: (
        len(_text(value)) + len(_text(end))
    ),
    "sum": lambda s, value=(), attribute=None, start=0: (
        s.footprint(start) + sum(map(s.footprint, value))
    ),
    "tojson": _tojson_size,
    "urlize": _urlize_size,
}
"""For each filter that can make far more than it is given: at most how large its result."""
_LIST_FILTERS = frozenset({"batch", "slice", "sum"})


def _translate_size(s: _Sandbox, text: str, table: object = None, *_: Any) -> int:
    longest = max(map(s.footprint, table.values()), default=1) if isinstance(table, Mapping) else 1
    return len(text) * max(longest, 1)


_TEXT_METHODS: Mapping[str, Callable[..., int]] = {
    "center": lambda s, text, width=0, *_: max(len(text), _whole(width)),
    "ljust": lambda s, text, width=0, *_: max(len(text), _whole(width)),
    "rjust": lambda s, text, width=0, *_: max(len(text), _whole(width)),
    "zfill": lambda s, text, width=0, *_: max(len(text), _whole(width)),
    "expandtabs": lambda s, text, tabsize=8, **_: len(text) + text.count("\t") * _whole(tabsize),
    "join": lambda s, text, items=(), *_: _join_size(s, items, text),
    "replace": lambda s, text, old="", new="", count=-1, *_: _replace_size(
        s, text, old, new, count
    ),
    "translate": _translate_size,
}
"""For each method of a text that can make it far longer: at most how long its result."""


@pass_environment
def _sum(
    environment: Environment, iterable: Iterable[Any], attribute: Any = None, start: Any = 0
) -> Any:
    """Jinja's ``sum``, adding lists in one pass (adding them one by one takes a time that
    grows with the square of their number)."""
    if isinstance(start, (list, tuple)):
        if attribute is not None:
            iterable = map(make_attrgetter(environment, attribute), iterable)
        return type(start)(itertools.chain(start, *iterable))
    return do_sum(environment, iterable, attribute, start)


def sandboxed_environment(folder: Path) -> Environment:
    """A new sandbox for rendering a template from ``folder`` once."""
    environment = _Sandbox(
        loader=_FolderLoader(folder),
        extensions=_EXTENSIONS,
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "xml"), default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    _translated(environment)
    environment.globals.pop("lipsum")  # it can write any amount of text
    # pprint lays out what it shows by width: its cost and its length grow with the nesting
    # times the length, with no cheap bound beforehand (tojson(indent=2) shows the same)
    filters = {name: f for name, f in environment.filters.items() if name != "pprint"}
    environment.globals["range"] = _range
    filters = {**filters, **_FILTERS, "sum": _sum}
    environment.filters = {
        name: environment.guarded_filter(name, function) for name, function in filters.items()
    }
    return environment


# Rendering -----------------------------------------------------------------------------


def render_template(
    environment: Environment,
    name: str,
    context: Mapping[str, Any],
    *,
    max_chars: int = MAX_CHARS,
) -> str:
    """Render template ``name`` of ``environment``, stopping once it passes ``max_chars``.

    Every failure is raised as a :class:`ReportError`.
    """
    chunks: list[str] = []
    length = 0
    try:
        stream = environment.get_template(name).generate(context)
        try:
            for chunk in stream:
                length += len(chunk)
                if length > max_chars:
                    raise ReportError(
                        f"the report is longer than {max_chars:,} characters; rendering stopped",
                        template=name,
                    )
                chunks.append(chunk)
        finally:
            if isinstance(stream, Generator):
                stream.close()  # let the template's own cleanup run now, not at collection
    except ReportError:
        raise
    except Exception as exc:
        raise report_error(exc) from exc
    return "".join(chunks)
