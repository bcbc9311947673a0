"""Parts of a page that only make sense when the build knows the site's repository.

    <!-- md:repo -->
    Found an error? Report it through the [issue tracker]({repo_url}/issues).
    <!-- /md:repo -->

With a repository the marker lines go and `{repo_url}` becomes its address; without one the
whole section goes, so no page links to a guessed repository. Markers stand alone on their line.
Plain Python with no MkDocs dependency; the plugin `dlmd-address` (dlmd/plugins/address/)
calls it.
"""

from __future__ import annotations

OPEN = "<!-- md:repo -->"
CLOSE = "<!-- /md:repo -->"
PLACEHOLDER = "{repo_url}"


class RepoSectionError(ValueError):
    """A malformed section; the message starts with `file:line`."""


def fill_repo_sections(markdown: str, repo_url: str | None, where: str) -> str:
    """Keep (with `{repo_url}` filled in) or drop every repository section of a page.

    Raise RepoSectionError naming `where` and the line for an unbalanced marker or a
    `{repo_url}` outside a section (it would be printed as is).
    """
    kept: list[str] = []
    opened_at: int | None = None
    for number, line in enumerate(markdown.splitlines(keepends=True), start=1):
        marker = line.strip()
        if marker == OPEN:
            if opened_at is not None:
                raise RepoSectionError(
                    f"{where}:{number}: {OPEN} inside the section opened on line {opened_at}; "
                    f"close that one first with {CLOSE}"
                )
            opened_at = number
        elif marker == CLOSE:
            if opened_at is None:
                raise RepoSectionError(f"{where}:{number}: {CLOSE} without an {OPEN} before it")
            opened_at = None
        elif opened_at is None:
            if PLACEHOLDER in line:
                raise RepoSectionError(
                    f"{where}:{number}: {PLACEHOLDER} outside a repository section; "
                    f"put the text between {OPEN} and {CLOSE} lines"
                )
            kept.append(line)
        elif repo_url:
            kept.append(line.replace(PLACEHOLDER, repo_url))
    if opened_at is not None:
        raise RepoSectionError(f"{where}:{opened_at}: {OPEN} is never closed; add {CLOSE}")
    return "".join(kept)
