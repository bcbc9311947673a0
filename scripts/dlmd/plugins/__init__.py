"""The site's MkDocs plugins, one folder each in the layout of Material's own plugins:
`<name>/plugin.py` (the plugin, registered as an entry point in pyproject.toml) and
`<name>/config.py` (its options) beside it. The logic they call lives in plain modules
elsewhere in dlmd, importable without MkDocs."""
