"""What each page of a built site costs a first-time reader: bytes over the wire and requests.

`references` finds what a page's HTML (and the CSS it loads) makes the browser fetch;
`measure` adds up the gzip-compressed size of those files as a static host serves them.
Plain Python (stdlib html.parser, no MkDocs); `page-weight` (cli.py) is the command line.
"""

from dlmd.pageweight.measure import PageWeight, is_foreign, measure_page, measure_site
from dlmd.pageweight.references import Reference, css_references, html_references

__all__ = [
    "PageWeight",
    "Reference",
    "css_references",
    "html_references",
    "is_foreign",
    "measure_page",
    "measure_site",
]
