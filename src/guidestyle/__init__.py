"""guidestyle: questionnaires that recommend mentoring, coaching or direct leadership.

The public API is exactly what ``__all__`` lists; every other module is private.

Names are imported when first used (PEP 562), so that ``import guidestyle`` and the
command's ``--version`` and ``--help`` load neither pydantic, PyYAML nor Jinja2.
"""

from ._version import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; type checkers read True
if TYPE_CHECKING:  # the real imports, for type checkers and editors
    from ._analysis import (
        Analysis,
        CohortTally,
        DistinctionLeans,
        ItemAnalysis,
        ScaleAnalysis,
        ScoreDistribution,
        analyze,
    )
    from ._analysis_report import render_analysis
    from ._answers import load_answers, loads_answers
    from ._batch import ScoredRow, score_frame, score_rows
    from ._builtins import builtin, builtin_ids, catalogue
    from ._comparison import Comparison, DistinctionAgreement, StyleGap, compare, comparison_schema
    from ._compiled import AnswerValue
    from ._engine import Scorer, score
    from ._errors import (
        AnswersError,
        GuidestyleError,
        Problem,
        QuestionnaireError,
        ResultError,
        Severity,
    )
    from ._lint import lint
    from ._loader import load, loads
    from ._model import (
        AllOf,
        AnyOf,
        AtLeast,
        Catalogue,
        Condition,
        Distinction,
        Equals,
        ForcedChoiceQuestion,
        LikertQuestion,
        MultipleChoiceQuestion,
        OneOf,
        Option,
        Question,
        Questionnaire,
        ResultText,
        Scale,
        ScoringPolicy,
        SingleChoiceQuestion,
        Source,
        Statement,
        Style,
        Text,
        TextQuestion,
    )
    from ._outline import outline
    from ._render import ReportError, render, render_comparison
    from ._result import (
        Coverage,
        DistinctionProfile,
        Driver,
        QuestionnaireRef,
        Recommendation,
        Result,
        Strength,
        StyleCoverage,
        result_schema,
    )
    from ._rows import BadRow, Row, read_rows
    from ._schema import answers_schema, questionnaire_schema, session_schema
    from ._session import Session, SessionError, Step
    from ._simulate import SimulatedGroup, Simulation, simulate
    from ._simulation_report import render_simulation

__all__ = [
    "AllOf",
    "Analysis",
    "AnswerValue",
    "AnswersError",
    "AnyOf",
    "AtLeast",
    "BadRow",
    "Catalogue",
    "CohortTally",
    "Comparison",
    "Condition",
    "Coverage",
    "Distinction",
    "DistinctionAgreement",
    "DistinctionLeans",
    "DistinctionProfile",
    "Driver",
    "Equals",
    "ForcedChoiceQuestion",
    "GuidestyleError",
    "ItemAnalysis",
    "LikertQuestion",
    "MultipleChoiceQuestion",
    "OneOf",
    "Option",
    "Problem",
    "Question",
    "Questionnaire",
    "QuestionnaireError",
    "QuestionnaireRef",
    "Recommendation",
    "ReportError",
    "Result",
    "ResultError",
    "ResultText",
    "Row",
    "Scale",
    "ScaleAnalysis",
    "ScoreDistribution",
    "ScoredRow",
    "Scorer",
    "ScoringPolicy",
    "Session",
    "SessionError",
    "Severity",
    "SimulatedGroup",
    "Simulation",
    "SingleChoiceQuestion",
    "Source",
    "Statement",
    "Step",
    "Strength",
    "Style",
    "StyleCoverage",
    "StyleGap",
    "Text",
    "TextQuestion",
    "__version__",
    "analyze",
    "answers_schema",
    "builtin",
    "builtin_ids",
    "catalogue",
    "compare",
    "comparison_schema",
    "lint",
    "load",
    "load_answers",
    "loads",
    "loads_answers",
    "outline",
    "questionnaire_schema",
    "read_rows",
    "render",
    "render_analysis",
    "render_comparison",
    "render_simulation",
    "result_schema",
    "score",
    "score_frame",
    "score_rows",
    "session_schema",
    "simulate",
]

# where each name of __all__ but __version__ is defined, as imported above
_SOURCES: dict[str, tuple[str, ...]] = {
    "._analysis": (
        "Analysis",
        "CohortTally",
        "DistinctionLeans",
        "ItemAnalysis",
        "ScaleAnalysis",
        "ScoreDistribution",
        "analyze",
    ),
    "._analysis_report": ("render_analysis",),
    "._simulate": ("SimulatedGroup", "Simulation", "simulate"),
    "._simulation_report": ("render_simulation",),
    "._answers": ("load_answers", "loads_answers"),
    "._compiled": ("AnswerValue",),
    "._batch": ("ScoredRow", "score_frame", "score_rows"),
    "._builtins": ("builtin", "builtin_ids", "catalogue"),
    "._comparison": (
        "Comparison",
        "DistinctionAgreement",
        "StyleGap",
        "compare",
        "comparison_schema",
    ),
    "._engine": ("Scorer", "score"),
    "._errors": (
        "AnswersError",
        "GuidestyleError",
        "Problem",
        "QuestionnaireError",
        "ResultError",
        "Severity",
    ),
    "._lint": ("lint",),
    "._loader": ("load", "loads"),
    "._model": (
        "AllOf",
        "AnyOf",
        "AtLeast",
        "Catalogue",
        "Condition",
        "Distinction",
        "Equals",
        "ForcedChoiceQuestion",
        "LikertQuestion",
        "MultipleChoiceQuestion",
        "OneOf",
        "Option",
        "Question",
        "Questionnaire",
        "ResultText",
        "Scale",
        "ScoringPolicy",
        "SingleChoiceQuestion",
        "Source",
        "Statement",
        "Style",
        "Text",
        "TextQuestion",
    ),
    "._outline": ("outline",),
    "._render": ("ReportError", "render", "render_comparison"),
    "._result": (
        "Coverage",
        "DistinctionProfile",
        "Driver",
        "QuestionnaireRef",
        "Recommendation",
        "Result",
        "Strength",
        "StyleCoverage",
        "result_schema",
    ),
    "._rows": ("BadRow", "Row", "read_rows"),
    "._schema": ("answers_schema", "questionnaire_schema", "session_schema"),
    "._session": ("Session", "SessionError", "Step"),
}
_SOURCE_OF = {name: module for module, names in _SOURCES.items() for name in names}


def _attribute(name: str) -> object:
    """The public name ``name``, imported from its module on first use, then kept here."""
    module = _SOURCE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module  # noqa: PLC0415 - importlib itself only when needed

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # later look-ups find it without calling this
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if not TYPE_CHECKING:  # hidden from type checkers, which would take any unknown name for it
    __getattr__ = _attribute

del TYPE_CHECKING
