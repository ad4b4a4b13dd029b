"""guidestyle: questionnaires that recommend mentoring, coaching or direct leadership.

The public API is exactly what ``__all__`` lists; every other module is private.
"""

from ._errors import AnswersError, GuidestyleError, Problem, QuestionnaireError, Severity
from ._lint import lint
from ._loader import load, loads
from ._model import (
    AllOf,
    AnyOf,
    AtLeast,
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
from ._schema import questionnaire_schema
from ._version import __version__

__all__ = [
    "AllOf",
    "AnswersError",
    "AnyOf",
    "AtLeast",
    "Condition",
    "Distinction",
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
    "ResultText",
    "Scale",
    "ScoringPolicy",
    "Severity",
    "SingleChoiceQuestion",
    "Source",
    "Statement",
    "Style",
    "Text",
    "TextQuestion",
    "__version__",
    "lint",
    "load",
    "loads",
    "questionnaire_schema",
]
