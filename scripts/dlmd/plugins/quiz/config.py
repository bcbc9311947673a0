"""Options of `dlmd-quiz`."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class QuizConfig(base.Config):
    # False leaves loading (or restyling) the script and styles to the site itself.
    assets = c.Type(bool, default=True)
