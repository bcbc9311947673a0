"""Page-level checks and fixes: front matter, the glossary, the theme's markup."""
