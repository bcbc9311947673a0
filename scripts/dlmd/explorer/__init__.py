"""The threshold and prevalence explorer (issue 25): a real ROC curve a reader moves along.

data.py reads the ROC curve that the clinical-metrics notebook's checked run stored as an
output; arithmetic.py turns one point of it and a prevalence into sensitivity, specificity, PPV,
NPV and natural frequencies (the same sums and rounding as assets/explorer.js); render.py writes
the component's HTML: a static SVG curve and tables that need no JavaScript, which explorer.js
turns into the interactive version. The plugin `dlmd-explorer` (dlmd.plugins.explorer) puts it
where a page has a `<!-- explorer -->` line.
"""
