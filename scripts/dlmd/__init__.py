"""The Deep Learning in Medical Diagnostics site's own Python: MkDocs plugins and checks.

- `quiz`: quizzes written in Markdown, validated and rendered at build time (plugin `dlmd-quiz`).
- `notebooks`: the light notebook pages (plugin `dlmd-notebooks`).
- `pages`: front matter, glossary and theme-markup fixes (plugins `dlmd-page-meta`,
  `dlmd-glossary`, `dlmd-theme-html`).
- `snippetcheck`: every code block and notebook runs as printed (`check-snippets`).
- `quality`, `pageweight`: the browser gates and page weight (`site-figures`, `page-weight`).
"""
