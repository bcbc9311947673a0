"""Self-check quizzes written in a page's Markdown: parse, validate, give ids, render.

Plain Python with no MkDocs import (the plugin `dlmd-quiz`, dlmd/plugins/quiz/, imports it),
so a test, `check-quizzes` (cli.py) and the plugin all run the same code. Data flows one way:
Markdown text -> `parse` -> `validate` -> `render` (HTML for md_in_html), which shows the
options in the order `order.display_order` derives from the question's id.

The syntax is the README's "Writing quizzes" (the one description of it); parse.py's regular
expressions are its grammar. A quiz sits between `<!-- quiz -->` and `<!-- /quiz -->` lines at
column 0, so that without the plugin (e.g. on GitHub) it still reads as a numbered list.

Every problem is reported as `Problem(line, message)`; `Problem.at(path)` gives the
`path:line: message` form used by the build and by `check-quizzes`.
"""

from dlmd.quiz.model import Option, Problem, Question, Quiz, QuizError
from dlmd.quiz.page import check_text, convert_page

__all__ = [
    "Option",
    "Problem",
    "Question",
    "Quiz",
    "QuizError",
    "check_text",
    "convert_page",
]
