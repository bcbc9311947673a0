"""MkDocs plugin `dlmd-explorer`: the threshold and prevalence explorer (dlmd.explorer)."""
