"""Output blocks: which code block owns each (the comparison itself is output_check.py).

An output block is a ```text (or ```txt, ```output) fence. It belongs to the Python block right
before it when only blank lines and check markers lie between them; the check then compares it
with what that block printed (output_check.py, rules in output_rules.py). One that no Python
block owns needs `<!-- check: illustration reason="..." -->`, and so does one after a skipped
block, because nothing checks it; otherwise it is an error at its own line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlmd.snippetcheck.output_rules import OutputRule

if TYPE_CHECKING:
    from dlmd.snippetcheck.markers import Marker
    from dlmd.snippetcheck.model import Block

OUTPUT_LANGUAGES = frozenset({"text", "txt", "output"})
OUTPUT = "output"  # the inventory's kind for an output block

NO_OWNER = (
    "this output block follows no Python block, so nothing checks it; put it right after the "
    "```python block whose output it shows (only blank lines and check markers between), or "
    'mark a sample: <!-- check: illustration reason="what it shows" -->'
)
OWNER_SKIPPED = (
    "the Python block before this output block is skipped, so nothing checks this output; "
    'mark it <!-- check: illustration reason="why it cannot be checked" -->'
)
MARKER_NOT_ON_OUTPUT = (
    "output and illustration markers go right before an output block (```text); "
    "this block is not one"
)
MARKER_ON_OUTPUT = (
    "an output block never runs, so skip and timeout do not apply; declare how it varies with "
    "<!-- check: output numbers=0.02 timings --> or show it unchecked with <!-- check: "
    'illustration reason="..." -->'
)


def apply_output_marker(block: Block, marker: Marker) -> None:
    """Record an output block's declared variation or illustration; refuse misplaced keys."""
    if block.kind != OUTPUT:
        if marker.output is not None or marker.illustration is not None:
            block.problem = block.problem or MARKER_NOT_ON_OUTPUT
        return
    if marker.skip or marker.timeout is not None:
        block.problem = MARKER_ON_OUTPUT
        return
    block.output_rule = marker.output or OutputRule()
    if marker.illustration is not None:
        block.illustration = marker.illustration
        block.skip_reason = f"illustration: {marker.illustration}"


def attach_output(block: Block, previous: Block | None) -> None:
    """Give an output block its owner, the Python block right before it, or an error."""
    if block.kind != OUTPUT or block.problem is not None or block.illustration is not None:
        return
    if previous is None or previous.kind != "python":
        block.problem = NO_OWNER
    elif previous.skip_reason is not None:
        block.problem = OWNER_SKIPPED
    else:
        block.owner = previous
