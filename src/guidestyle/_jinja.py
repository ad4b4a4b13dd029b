"""The one place that makes Jinja environments, and turns every Jinja failure into a
:class:`ReportError`.

Two environments:

* the built-in one renders the report templates shipped in ``guidestyle/templates``;
* a sandbox renders a person's own templates from a folder they name. Besides what Jinja's
  :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` refuses (unsafe attributes,
  changing lists and dicts), it limits what one template can make a computer do: the size
  of what ``*``, ``**``, ``+`` and ``~`` build, ``range()``, how many loop steps and calls
  (macros, recursive loops) run in all, and how much text comes out. Templates can include
  only files inside their folder.

The limits are a guard against accidents and casual abuse, not a wall: filters and methods
that take a size (``center``, ``indent``, ``wordwrap``, ``batch``, ``replace``, format
widths) can still build large texts. Render templates from people you do not trust in a
separate process with an operating-system memory and time limit.
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sized
from functools import cache
from pathlib import Path
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
    select_autoescape,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ._errors import GuidestyleError

# The sandbox reads its limits each time it checks one, so a test can lower them
# (monkeypatch) and run into them quickly; MAX_CHARS is only a default of max_chars.
MAX_CHARS = 5_000_000
"""Default cap on the length of a rendered report."""
MAX_ITEMS = 1_000_000
"""Most characters or items one ``*``, ``+`` or ``~`` may build in a sandboxed template."""
MAX_DIGITS = 100
"""Most digits a whole number built by ``*`` or ``**`` may have in a sandboxed template."""
MAX_RANGE = 100_000
"""Most numbers one ``range()`` may give in a sandboxed template."""
MAX_LOOP_STEPS = 1_000_000
"""Most times all the loops of one sandboxed rendering may run, together."""


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


# The built-in environment ----------------------------------------------------------------


class _BuiltinEnvironment(Environment):
    def handle_exception(self, source: str | None = None) -> NoReturn:
        _raise_report_error()


@cache
def builtin_environment() -> Environment:
    """The environment of the report templates that ship with guidestyle."""
    environment = _BuiltinEnvironment(
        loader=PackageLoader("guidestyle", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    environment.filters.update(_FILTERS)
    return environment


# The sandbox -----------------------------------------------------------------------------


class _FolderLoader(FileSystemLoader):
    """Loads templates from one folder; a symbolic link may not lead out of it."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self._root = folder.resolve()

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self._root):
            raise TemplateNotFound(template)
        return source, filename, uptodate


class _GuardedCodeGenerator(CodeGenerator):
    """Compiles every ``for`` loop to count its steps, and every ``~`` to check its size."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        guard = nodes.EnvironmentAttribute("guard_loop", lineno=node.lineno)
        node.iter = nodes.Call(guard, [node.iter], [], None, None, lineno=node.lineno)
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.guard_concat(")
        super().visit_Concat(node, frame)
        self.write(")")


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


class _Sandbox(ImmutableSandboxedEnvironment):
    """A sandbox for one rendering: it counts loop steps, so make a new one each time."""

    code_generator_class = _GuardedCodeGenerator
    intercepted_binops = frozenset(_BINOP_CHECKS)

    loop_steps = 0

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _BINOP_CHECKS[operator](left, right)
        return super().call_binop(context, operator, left, right)

    def guard_loop(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            self._step()
            yield item

    def call(self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Every call in a template (a macro, ``loop(...)`` in a recursive loop) is a step,
        and the items a recursive loop descends into are loop steps too."""
        self._step()
        if isinstance(__obj, LoopContext) and args:
            args = (self.guard_loop(args[0]), *args[1:])
        return super().call(__context, __obj, *args, **kwargs)

    def _step(self) -> None:
        self.loop_steps += 1
        if self.loop_steps > MAX_LOOP_STEPS:
            raise _LimitExceeded(f"loops and calls ran more than {MAX_LOOP_STEPS:,} steps in all")

    def guard_concat(self, text: str) -> str:
        if len(text) > MAX_ITEMS:
            raise _LimitExceeded(
                f"'~' would make {_size(text, len(text))} (the limit is {MAX_ITEMS:,})"
            )
        return text

    def handle_exception(self, source: str | None = None) -> NoReturn:
        _raise_report_error()


def sandboxed_environment(folder: Path) -> Environment:
    """A new sandbox for rendering a template from ``folder`` once."""
    environment = _Sandbox(
        loader=_FolderLoader(folder),
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "xml"), default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    environment.globals.pop("lipsum")  # it can write any amount of text
    environment.globals["range"] = _range
    environment.filters.update(_FILTERS)
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
