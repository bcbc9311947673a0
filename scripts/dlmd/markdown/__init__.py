"""What the plugins and the checks share about a site's Markdown sources, with no MkDocs plugin
and no checker in it: fenced code blocks found as pymdownx.superfences finds them (fences.py)
and the one way messages name a source file (paths.py). The quiz and the snippet check both
build on it, so the quiz needs nothing from the checker."""
