"""Placeholder until the quiz widget lands (issue 4)."""
