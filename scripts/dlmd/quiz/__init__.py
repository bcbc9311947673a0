"""Self-check quizzes written in a page's Markdown: parse, validate, give ids, render.

Plain Python with no MkDocs import (only plugin.py imports MkDocs), so a test, `check-quizzes`
(cli.py) and the MkDocs plugin `dlmd-quiz` (plugin.py) all run the same code. Data flows one way:
Markdown text -> `parse` -> `validate` -> `render` (HTML for md_in_html).

Syntax
------
A quiz sits between two HTML comments, each alone on its line at column 0. Without the plugin
(e.g. on GitHub) the region still reads as a numbered list of questions with task-list boxes::

    <!-- quiz -->
    1. What is the primary use of deep learning in medical imaging?
        - [x] Image analysis
            > Right: a CNN learns to find patterns in the pixels themselves.
        - [ ] Billing
            > Billing is administration, not diagnosis.
        explanation: See [Image analysis](#image-analysis).

    2. Which of these are imaging modalities?
        type: multiple
        - [x] CT
        - [x] MRI
        - [ ] EHR
        explanation: ...

    3. A test finds 90 of 100 people who have the disease. What is its sensitivity?
        type: numeric
        answer: 90
        tolerance: 0.5
        unit: %
        explanation: Sensitivity = TP / (TP + FN) = 90 / 100.
    <!-- /quiz -->

- A question starts with `N. ` or `N) ` at column 0 (the number itself is not used: questions
  are numbered in order). Lines indented by 4 spaces right after it, that are neither options
  nor keys, continue the question text; a line such as `    Note: ...` is read as a key.
- An option is `    - [x] text` (right) or `    - [ ] text` (wrong), indented by 4 spaces.
- Feedback for an option (why it is right or wrong) is `        > text`, indented by 8 spaces
  under the option; several `>` lines join into one paragraph.
- Keys are `    key: value`, indented by 4 spaces: `type` (`single`, the default; `multiple`;
  `numeric`), `explanation` (required), and for numeric questions `answer`, `tolerance`
  (required: the largest accepted difference) and `unit` (optional, shown after the input).
- A line indented by 8 or more spaces that is not feedback continues the option, feedback or
  key value above it.
- Question, option, feedback and explanation text may use inline Markdown: code, emphasis,
  links (checked by MkDocs like any other link), abbreviations. Raw HTML and attribute lists
  (`{: ...}`) are shown as text.

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
