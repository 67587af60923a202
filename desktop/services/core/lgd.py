"""LGD state and district codes: the desktop's name for `reporting.lgd` (shared with
central)."""

from reporting.lgd import LGD_FILE, check_area, district_name, districts, states

__all__ = ["LGD_FILE", "check_area", "district_name", "districts", "states"]
