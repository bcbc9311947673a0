"""Issue 15: the site's and the repository's addresses come from where the site is built, and
a build that knows no repository links to none (no placeholder, no guess)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BUILD_ADDRESSES
from dlmd.pages.repo_sections import RepoSectionError, fill_repo_sections
from dlmd.pages.site_address import SiteAddress, SiteAddressError, github_repo_url, resolve

ADDRESS_VARIABLES = ("SITE_URL", "REPO_URL", "SITE_BRANCH", "GITHUB_HEAD_REF", "GITHUB_REF_NAME")
REPO_URL = BUILD_ADDRESSES["REPO_URL"]
PLACEHOLDER = "dlmd-site"  # the owner of the addresses mkdocs.yml used to hard-code
# The build in a clone with no remote, checked there for the placeholder too.
NO_REMOTE_TEST = "tests/browser/test_commands_without_remote.py"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def checkout_with_origin(root: Path, origin: str, branch: str = "feature") -> Path:
    git(root, "init", "-q", "-b", branch)
    git(root, "remote", "add", "origin", origin)
    return root


# --- dlmd/pages/site_address.py ---------------------------------------------------------


@pytest.mark.parametrize(
    "remote",
    [
        "git@github.com:o/r.git",
        "ssh://git@github.com/o/r.git",
        "https://github.com/o/r.git",
        "https://github.com/o/r",
        "https://token@github.com/o/r/",
    ],
)
def test_github_remotes_become_the_https_repository_address(remote: str) -> None:
    assert github_repo_url(remote) == "https://github.com/o/r"


def test_a_remote_off_github_is_not_taken() -> None:
    assert github_repo_url("git@gitlab.com:o/r.git") is None


def test_environment_variables_win_over_the_remote(tmp_path: Path) -> None:
    checkout = checkout_with_origin(tmp_path, "git@github.com:remote-owner/r.git")
    env = {"SITE_URL": "https://docs.example.org", "REPO_URL": "https://github.com/o/r.git"}
    env["GITHUB_REF_NAME"] = "release"
    assert resolve(env, checkout) == SiteAddress(
        "https://docs.example.org/", "https://github.com/o/r", "release"
    )
    # A pull request's branch (GITHUB_HEAD_REF) beats its merge ref; SITE_BRANCH beats both.
    env["GITHUB_HEAD_REF"] = "fix"
    assert resolve(env, checkout).branch == "fix"
    assert resolve({**env, "SITE_BRANCH": "mine"}, checkout).branch == "mine"


def test_the_origin_remote_gives_repository_pages_address_and_branch(tmp_path: Path) -> None:
    checkout = checkout_with_origin(tmp_path, "git@github.com:Some-Owner/site.git")
    address = resolve({}, checkout)
    assert address == SiteAddress(
        "https://some-owner.github.io/site/", "https://github.com/Some-Owner/site", "feature"
    )
    assert address.repo_name == "site"
    assert address.edit_uri("docs") == "edit/feature/docs/"


def test_a_user_pages_repository_lives_at_the_root(tmp_path: Path) -> None:
    checkout = checkout_with_origin(tmp_path, "https://github.com/me/me.github.io")
    assert resolve({}, checkout).site_url == "https://me.github.io/"


def test_no_remote_and_no_variables_gives_no_address(tmp_path: Path) -> None:
    inner = tmp_path / "copy"
    inner.mkdir()
    # A copy inside another repository must not take that repository's remote.
    checkout_with_origin(tmp_path, "git@github.com:outer/repo.git")
    address = resolve({"GITHUB_REF_NAME": "main"}, inner)
    assert address == SiteAddress(None, None, None)
    assert address.edit_uri("docs") is None


@pytest.mark.parametrize(
    ("name", "value"), [("SITE_URL", "example.org/site"), ("REPO_URL", "https://github.com/o")]
)
def test_a_malformed_address_variable_says_what_to_set(name: str, value: str) -> None:
    with pytest.raises(SiteAddressError, match=f"{name}='{value}': set it to"):
        resolve({name: value}, Path("/nonexistent"))


# --- dlmd/pages/repo_sections.py --------------------------------------------------------

SECTION = "Intro.\n<!-- md:repo -->\nSee [issues]({repo_url}/issues).\n<!-- /md:repo -->\nEnd.\n"


def test_a_repository_section_is_filled_in_or_dropped() -> None:
    filled = fill_repo_sections(SECTION, "https://github.com/o/r", "docs/x.md")
    assert filled == "Intro.\nSee [issues](https://github.com/o/r/issues).\nEnd.\n"
    assert fill_repo_sections(SECTION, None, "docs/x.md") == "Intro.\nEnd.\n"


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("a\n<!-- md:repo -->\nb\n", "docs/x.md:2: <!-- md:repo --> is never closed"),
        ("a\n<!-- /md:repo -->\n", "docs/x.md:2: <!-- /md:repo --> without"),
        ("<!-- md:repo -->\n<!-- md:repo -->\n", "docs/x.md:2: <!-- md:repo --> inside"),
        ("a\n[x]({repo_url})\n", "docs/x.md:2: {repo_url} outside a repository section"),
    ],
)
def test_a_malformed_section_names_file_and_line(markdown: str, message: str) -> None:
    with pytest.raises(RepoSectionError) as error:
        fill_repo_sections(markdown, "https://github.com/o/r", "docs/x.md")
    assert str(error.value).startswith(message)


# --- Built sites ------------------------------------------------------------------------


def html(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_build_with_addresses_links_to_that_repository_and_site(built_site: Path) -> None:
    # conftest builds the session's site with BUILD_ADDRESSES set.
    about = html(built_site, "about")
    assert about.select_one("a.md-source")["href"] == REPO_URL
    assert about.select_one('a[rel="edit"]')["href"] == f"{REPO_URL}/edit/test-branch/docs/about.md"
    issue_links = {a["href"] for a in about.find_all("a", string="issue tracker")}
    assert issue_links == {f"{REPO_URL}/issues"}
    canonical = about.find("link", rel="canonical")["href"]
    assert canonical == BUILD_ADDRESSES["SITE_URL"] + "about/"
    source = "docs/tutorials/first-model.ipynb"
    buttons = {
        a.get_text(): a["href"]
        for a in html(built_site, "tutorials/first-model").select(".dlmd-nb-actions a")
    }
    assert buttons["Open in Colab"] == (
        "https://colab.research.google.com/github/test-owner/dl-medical-diagnostics"
        f"/blob/test-branch/{source}"
    )
    assert buttons["View source"] == f"{REPO_URL}/blob/test-branch/{source}"


def test_no_source_file_names_the_placeholder_address(repo: Path) -> None:
    tracked = subprocess.run(
        ["git", "-C", str(repo), "ls-files"], capture_output=True, text=True, check=True
    ).stdout.split()
    named = [
        name
        for name in tracked
        if name not in ("tests/site/test_site_address.py", NO_REMOTE_TEST)
        and (repo / name).is_file()
        and PLACEHOLDER in (repo / name).read_text(encoding="utf-8", errors="ignore")
    ]
    assert named == []


def test_a_site_url_in_the_config_is_kept_unless_the_environment_says_otherwise(
    tmp_path: Path,
) -> None:
    checkout = checkout_with_origin(tmp_path, "git@github.com:o/r.git")
    configured = "http://127.0.0.1:8123/"
    assert resolve({}, checkout, configured).site_url == configured
    assert (
        resolve({"SITE_URL": "https://x.org/"}, checkout, configured).site_url == "https://x.org/"
    )
