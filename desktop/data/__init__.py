"""The package's data files (LGD codes, demo names, the import format's schema)."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
