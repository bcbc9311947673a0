"""Where the site is published and where its source lives, from where the site is built.

No address is written in mkdocs.yml: a fork or a copy must never link to someone else's
repository. `resolve` looks, in this order, at

1. environment variables: `SITE_URL`, `REPO_URL` and the branch (`SITE_BRANCH`, else on GitHub
   Actions `GITHUB_HEAD_REF` for a pull request's branch, else `GITHUB_REF_NAME`);
2. a `site_url` the MkDocs config itself sets (test fixtures served locally do);
3. the checkout's `origin` remote, when it is on GitHub (git@github.com:o/r.git, ssh:// and
   https forms): the repository, its GitHub Pages address and the checked-out branch;
4. nothing: a build that knows no repository gets None, and the site leaves out every link
   to a repository rather than guessing one.

Plain Python with no MkDocs dependency; the plugin `dlmd-address` (dlmd/plugins/address/)
calls it.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

BRANCH_VARIABLES = ("SITE_BRANCH", "GITHUB_HEAD_REF", "GITHUB_REF_NAME")
# git@github.com:o/r.git, ssh://git@github.com/o/r.git, https://github.com/o/r(.git)
GITHUB_REMOTE = re.compile(
    r"^(?:git@github\.com:|ssh://git@github\.com/|https?://(?:[^@/]+@)?github\.com/)"
    r"(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?$"
)


class SiteAddressError(ValueError):
    """An address given in the environment is malformed; the message says what to set."""


@dataclass(frozen=True)
class SiteAddress:
    """The site's address and its repository's, each None when the build cannot know it."""

    site_url: str | None
    repo_url: str | None  # https://<host>/<owner>/<repo>, no trailing slash
    branch: str | None  # the branch that edit, Colab and View source links point into

    @property
    def repo_name(self) -> str | None:
        return self.repo_url.rsplit("/", 1)[-1] if self.repo_url else None

    def edit_uri(self, docs_dir: str) -> str | None:
        """MkDocs' edit_uri for `docs_dir` (relative to the repository root), or None."""
        if not (self.repo_url and self.branch):
            return None
        return f"edit/{self.branch}/{docs_dir.strip('/')}/"


def github_repo_url(remote: str) -> str | None:
    """https://github.com/<owner>/<repo> for a GitHub remote URL, None for any other remote."""
    match = GITHUB_REMOTE.match(remote.strip())
    return f"https://github.com/{match['owner']}/{match['repo']}" if match else None


def github_pages_url(repo_url: str) -> str | None:
    """The default GitHub Pages address of a github.com repository (no custom domain)."""
    parts = urlsplit(repo_url)
    if parts.netloc != "github.com":
        return None
    owner, repo = parts.path.strip("/").split("/")
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if repo.lower() == host else f"https://{host}/{repo}/"


def resolve(
    env: Mapping[str, str], checkout: Path, configured_site_url: str | None = None
) -> SiteAddress:
    """The addresses for a build of the checkout at `checkout` with environment `env`.

    `configured_site_url` is the config's own site_url, if any. Raise SiteAddressError when
    SITE_URL or REPO_URL is set but is not an http(s) address.
    """
    site_url = _site_url_from_env(env) or configured_site_url or None
    repo_url = _repo_url_from_env(env)
    branch = next((env[name] for name in BRANCH_VARIABLES if env.get(name, "").strip()), None)
    if repo_url is None:
        remote = _git(checkout, "config", "--get", "remote.origin.url")
        repo_url = github_repo_url(remote) if remote else None
        if repo_url and site_url is None:
            site_url = github_pages_url(repo_url)
    if repo_url and branch is None:
        branch = _git(checkout, "symbolic-ref", "--short", "-q", "HEAD")
    return SiteAddress(site_url, repo_url, branch.strip() if repo_url and branch else None)


def _site_url_from_env(env: Mapping[str, str]) -> str | None:
    value = env.get("SITE_URL", "").strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SiteAddressError(
            f"SITE_URL={value!r}: set it to the site's full address, "
            "e.g. https://<owner>.github.io/<repo>/"
        )
    return value if value.endswith("/") else value + "/"


def _repo_url_from_env(env: Mapping[str, str]) -> str | None:
    value = env.get("REPO_URL", "").strip()
    if not value:
        return None
    parts = urlsplit(value)
    path = parts.path.strip("/").removesuffix(".git")
    if parts.scheme not in ("http", "https") or not parts.netloc or path.count("/") != 1:
        raise SiteAddressError(
            f"REPO_URL={value!r}: set it to the repository's address, "
            "e.g. https://github.com/<owner>/<repo>"
        )
    return f"{parts.scheme}://{parts.netloc}/{path}"


def _git(checkout: Path, *args: str) -> str | None:
    """Output of a git command run in `checkout` itself, or None (no git, no repository).

    GIT_CEILING_DIRECTORIES stops git at `checkout`, so a copy of the site placed inside some
    other repository never takes that repository's remote.
    """
    env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(checkout.resolve().parent)}
    try:
        result = subprocess.run(
            ["git", "-C", str(checkout), *args], capture_output=True, text=True, env=env
        )
    except OSError:
        return None
    output = result.stdout.strip()
    return output if result.returncode == 0 and output else None
