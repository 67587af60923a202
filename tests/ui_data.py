"""A small demo database shared by the review queue, adoption board and dashboard tests."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from desktop.db import open_database
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.demo.generate import generate_demo
from desktop.services.flags.store import evaluate_all
from tests.conftest import TODAY, set_up_home

ASHA = Actor("asha", "superintendent", "Asha Kumari")


def demo_engine(
    folder: Path, *, children: int = 400, seed: int = 3, run_rules: bool = True
) -> Engine:
    """A set-up data folder with invented children and (unless told) the rules run as of TODAY."""
    folder.mkdir(parents=True, exist_ok=True)
    eng = open_database(folder)
    set_up_home(eng, ASHA)
    with unit_of_work(eng, ASHA, rules=False) as s:
        generate_demo(s, children=children, seed=seed, as_of=TODAY)
    if run_rules:
        with unit_of_work(eng, ASHA, rules=False) as s:
            evaluate_all(s, as_of=TODAY)
    return eng
