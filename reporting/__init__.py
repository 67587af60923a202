"""Computations shared by the desktop (CCI, district office) and central (the state):
the CPMIS catalogue, quarters and consolidation (`reporting.cpmis`), the quarterly CLTS
report (`reporting.clts`), LGD area codes (`reporting.lgd`).

Pure code over plain values: no database session, no Qt, no reportlab. It imports
nothing of ours but `bundle_format` (import-linter contract in pyproject.toml), so both
`desktop` and `central` may import it.
"""
