"""Page-level logic the plugins call (plain Python, no MkDocs plugin here): addresses, the
glossary, output labels, DOI links, the theme's markup, page speed."""
