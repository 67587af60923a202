"""Data files of the shared computations (LGD codes, the CPMIS catalogue, area names)."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
