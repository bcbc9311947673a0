"""Browser quality gates for the built site, one module per gate, shared by the tests
(`tests/*/test_quality_*.py`) and the command `site-figures` (figures.py); no pytest here."""
