"""A small CSV register of invented children, for tests that need a real (not practice)
data folder: practice folders never send anything above the CCI."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

FIRST = ["Priya", "Ravi", "Sunita", "Amit", "Kiran", "Pooja", "Rahul", "Neha", "Arjun", "Meena"]
LAST = ["Kumari", "Kumar", "Devi", "Singh", "Manjhi", "Paswan"]


def write_register(path: Path, children: int) -> Path:
    """`children` invented rows (first_name, last_name, gender, dob, admission_date,
    referral) in a CSV the `clms import` command takes."""
    rows = ["first_name,last_name,gender,dob,admission_date,referral"]
    for i in range(children):
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        gender = "male" if first in ("Ravi", "Amit", "Rahul", "Arjun") else "female"
        dob = date(2012, 1, 1) + timedelta(days=97 * i)
        admitted = date(2025, 1, 6) + timedelta(days=5 * i)
        rows.append(f"{first},{last},{gender},{dob},{admitted},cwc")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path
