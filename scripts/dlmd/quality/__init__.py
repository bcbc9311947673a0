"""Browser quality gates for the built site: small modules, one per gate.

- `pages`: which pages the built site has and where they are served.
- `gzip_server`: a loopback static server that gzips like the production host.
- `browsing`: Debian's chromium through Playwright, with palette and width presets.
- `axe`, `vnu`, `network`, `lighthouse`, `clipboard`, `nojs`, `weight`: one gate each.

Everything here is plain Python (no MkDocs, no pytest) so that the tests in
`tests/test_quality_*.py` and the figures command `site-figures` (figures.py) share it.
"""
