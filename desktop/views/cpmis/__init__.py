"""CPMIS screens: a CCI's monthly returns and quarter; the district office's review and
consolidation."""
