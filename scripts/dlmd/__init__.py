"""The Deep Learning in Medical Diagnostics site's own Python: MkDocs plugins and checks
(the README's Architecture section maps its subpackages)."""
