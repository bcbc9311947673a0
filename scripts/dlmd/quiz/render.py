"""Turn a valid quiz into HTML that Python-Markdown's md_in_html finishes.

The markup is plain HTML (a form, a fieldset per question with its legend, native inputs with
labels, and a `details` holding the answer) whose text parts carry `markdown="span"`. Markdown
then renders the author's inline syntax there, so links are checked and rewritten by MkDocs and
abbreviations get their tooltips as everywhere else.

Author text never reaches the output as HTML: outside code spans, `<` becomes `&lt;` (so
`<script>` or `<img onerror=...>` is shown as text, not parsed) and `{` becomes `&#123;` (so
attr_list cannot add attributes such as `onclick`). Code spans are rendered here as `<code>` with
their content entity-escaped: md_in_html reads the raw HTML before Markdown sees the backticks,
so a `</legend>` inside a code span would otherwise close the real element. Every attribute value
is generated here, never taken from authors.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal

from dlmd.quiz.ids import question_id, quiz_id
from dlmd.quiz.model import Question, Quiz, mistake
from dlmd.quiz.order import display_order

CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
HINTS = {
    "single": "Choose one answer.",
    "multiple": "Choose every right answer.",
    "numeric": "Type a number.",
}
RIGHT = '<span aria-hidden="true">✓ </span>Right answer:'
WRONG = '<span aria-hidden="true">✗ </span>Wrong answer:'


def _disarm(text: str) -> str:
    return text.replace("<", "&lt;").replace("{", "&#123;")


# Characters Markdown could still read as syntax between the raw <code> tags.
MARKDOWN_SYNTAX = re.compile(r"[\\`*_{}\[\]()#+\-.!:|~]")


def _code(content: str) -> str:
    """A code span as HTML whose content is only text: no tags, no Markdown syntax."""
    escaped = html.escape(content.strip(), quote=False)
    return "<code>" + MARKDOWN_SYNTAX.sub(lambda m: f"&#{ord(m[0])};", escaped) + "</code>"


def inline(text: str) -> str:
    """Author text as inline Markdown that cannot produce raw HTML or attributes."""
    parts: list[str] = []
    position = 0
    for match in CODE_SPAN.finditer(text):
        parts.append(_disarm(text[position : match.start()]))
        parts.append(_code(match[2]))
        position = match.end()
    parts.append(_disarm(text[position:]))
    return "".join(parts)


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _choice_lines(question: Question, ident: str) -> list[str]:
    kind = "radio" if question.type == "single" else "checkbox"
    lines = ['<ul class="dlmd-quiz__options" markdown="block">']
    # Shown in display order; an option's id and value stay its authored index, so answers
    # are saved and judged by option, not by place.
    for index in display_order(question):
        option = question.options[index]
        input_id = f"{ident}-{index}"
        lines.append(
            f'<li markdown="span"><input type="{kind}" id="{input_id}" name="{ident}" '
            f'value="{index}"> <label for="{input_id}">{inline(option.text)}</label></li>'
        )
    lines.append("</ul>")
    return lines


def _numeric_lines(question: Question, ident: str) -> list[str]:
    unit = question.value("unit")
    described = f' aria-describedby="{ident}-unit"' if unit else ""
    field = (
        f'<p class="dlmd-quiz__field" markdown="span"><label for="{ident}-value">Your answer'
        f'</label> <input type="text" inputmode="decimal" id="{ident}-value" name="{ident}" '
        f'autocomplete="off" spellcheck="false" size="8"{described}>'
    )
    if unit:
        field += f' <span class="dlmd-quiz__unit" id="{ident}-unit">{inline(unit)}</span>'
    return [field + "</p>"]


def _answer_lines(question: Question) -> list[str]:
    lines = [
        # Left out of the search index: a search must not give the answers away.
        '<details class="dlmd-quiz__answer info" data-search-exclude markdown="block">',
        "<summary>Show answer</summary>",
    ]
    if question.type == "numeric":
        answer = Decimal(question.value("answer"))
        tolerance = Decimal(question.value("tolerance"))
        unit = question.value("unit")
        unit = f"{'' if unit == '%' else ' '}{inline(unit)}" if unit else ""  # 90%, 25 people
        accepted = (
            f"exactly {_plain(answer)}{unit}"
            if tolerance == 0
            else f"from {_plain(answer - tolerance)} to {_plain(answer + tolerance)}{unit}"
        )
        lines.append(
            f'<p markdown="span"><strong>Answer:</strong> {_plain(answer)}{unit} '
            f"(answers {accepted} count as right).</p>"
        )
        found = mistake(question)
        if found:  # quiz.js shows it for that wrong answer; without JavaScript it is here
            number, text = found
            lines.append(
                f'<p class="dlmd-quiz__mistake" data-value="{_plain(Decimal(number))}" '
                f'markdown="span"><strong>If you wrote {_plain(Decimal(number))}:</strong> '
                f"{inline(text)}</p>"
            )
    else:
        lines.append('<ul class="dlmd-quiz__feedback" markdown="block">')
        for index in display_order(question):
            option = question.options[index]
            verdict = RIGHT if option.correct else WRONG
            state = "right" if option.correct else "wrong"
            lines.append(f'<li class="is-{state}" data-option="{index}" markdown="block">')
            lines.append(
                f'<p markdown="span"><strong class="dlmd-quiz__verdict">{verdict}</strong> '
                f"{inline(option.text)}</p>"
            )
            if option.feedback:
                lines.append(
                    f'<p class="dlmd-quiz__why" markdown="span">{inline(option.feedback)}</p>'
                )
            lines.append("</li>")
        lines.append("</ul>")
    lines.append(
        '<p class="dlmd-quiz__explanation" markdown="span"><strong>Explanation:</strong> '
        f"{inline(question.value('explanation'))}</p>"
    )
    lines.append("</details>")
    return lines


def _question_lines(question: Question, number: int, total: int) -> list[str]:
    ident = question_id(question)
    kind = question.type
    if kind == "numeric":
        data = (
            f'data-answer="{_plain(Decimal(question.value("answer")))}" '
            f'data-tolerance="{_plain(Decimal(question.value("tolerance")))}"'
        )
        if question.value("unit") == "%":
            data += ' data-percent="1"'  # quiz.js explains a proportion typed for a percentage
    else:
        right = " ".join(str(i) for i, option in enumerate(question.options) if option.correct)
        data = f'data-answer="{right}"'
    lines = [
        f'<fieldset class="dlmd-quiz__question" id="{ident}" data-question="{ident}" '
        f'data-type="{kind}" {data} aria-describedby="{ident}-hint" markdown="block">',
        f'<legend id="{ident}-legend" markdown="span"><span class="dlmd-quiz__count">Question '
        f"{number} of {total}</span> {inline(question.text)}</legend>",
        f'<p class="dlmd-quiz__hint" id="{ident}-hint">{HINTS[kind]}</p>',
    ]
    lines += (
        _numeric_lines(question, ident) if kind == "numeric" else _choice_lines(question, ident)
    )
    lines += _answer_lines(question)
    lines.append("</fieldset>")
    return lines


def render(quiz: Quiz) -> str:
    """HTML for one valid quiz, framed by blank lines so Markdown sees a raw HTML block."""
    total = len(quiz.questions)
    lines = [f'<form class="dlmd-quiz" id="{quiz_id(quiz)}" method="dialog" markdown="block">']
    for number, question in enumerate(quiz.questions, start=1):
        lines += _question_lines(question, number, total)
    lines.append("</form>")
    return "\n\n" + "\n".join(lines) + "\n\n"
