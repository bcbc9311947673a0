"""Options of `dlmd-course`."""

from __future__ import annotations

from mkdocs.config import base


class CourseConfig(base.Config):
    pass  # no options: the data live in each tutorial (dlmd.pages.course_cards, page_notebook)
