"""guidestyle: questionnaires that recommend mentoring, coaching or direct leadership.

The public API is exactly what ``__all__`` lists; every other module is private.
"""

from ._answers import load_answers, loads_answers
from ._base import AnswerValue
from ._builtins import builtin, builtin_ids, catalogue
from ._comparison import Comparison, DistinctionAgreement, StyleGap, compare, comparison_schema
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
from ._schema import answers_schema, questionnaire_schema, session_schema
from ._session import Session, SessionError, Step
from ._version import __version__

__all__ = [
    "AllOf",
    "AnswerValue",
    "AnswersError",
    "AnyOf",
    "AtLeast",
    "Catalogue",
    "Comparison",
    "Condition",
    "Coverage",
    "Distinction",
    "DistinctionAgreement",
    "DistinctionProfile",
    "Driver",
    "Equals",
    "ForcedChoiceQuestion",
    "GuidestyleError",
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
    "Scale",
    "Scorer",
    "ScoringPolicy",
    "Session",
    "SessionError",
    "Severity",
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
    "render",
    "render_comparison",
    "result_schema",
    "score",
    "session_schema",
]
