"""Notebook pages: mkdocs-jupyter HTML turned into the site's own light markup."""
