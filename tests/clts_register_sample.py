"""The sample CLTS register in tests/data (invented children only): how it is made.

`python -m tests.clts_register_sample` writes tests/data/clts-register-sample.xlsx and
.csv again. Headers mix our column names with CLTS as built's labels ("Name of the
Child", "Sex", "Date of Birth", "Rescued By", "Work Involved In"...), as a district's
sheet would.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from openpyxl import Workbook

DATA = Path(__file__).parent / "data"
XLSX = DATA / "clts-register-sample.xlsx"
CSV = DATA / "clts-register-sample.csv"

HEADERS = [
    "CLTS Child ID",
    "Name of the Child",
    "last_name",
    "name_local",
    "Sex",
    "Date of Birth",
    "Date of Rescue",
    "rescue_block",
    "rescue_village",
    "Rescued By",
    "establishment",
    "employer_name",
    "Work Involved In",
    "bonded",
    "FIR Number",
    "Date of FIR",
    "Name of Police Station",
    "fir_sections",
    "origin_state",
    "origin_district",
    "origin_district_name",
    "Date of production before CWC",
    "Type of Final Order",
    "Date of Final Order",
    "restored_on",
    "Father's Name",
    "Mother's Name",
    "household_area",
    "household_housing",
    "household_ration_card",
    "household_landless",
    "household_bpl",
    "household_social_category",
    "relief_paid_on",
    "relief_payment_ref",
    "relief_payment_mode",
    "cm_relief_ordered_on",
    "cm_relief_order_ref",
    "employer_recovery_ordered_on",
    "employer_recovery_order_ref",
]
BOYS = ["Raju", "Sonu", "Amit", "Arif", "Deepak", "Manoj", "Imran", "Vikash"]
GIRLS = ["Rani", "Puja", "Farzana", "Khushboo", "Anjali", "Salma"]
HINDI = {
    "Raju": "राजू",
    "Sonu": "सोनू",
    "Amit": "अमित",
    "Arif": "आरिफ़",
    "Deepak": "दीपक",
    "Manoj": "मनोज",
    "Imran": "इमरान",
    "Vikash": "विकास",
    "Rani": "रानी",
    "Puja": "पूजा",
    "Farzana": "फ़रज़ाना",
    "Khushboo": "ख़ुशबू",
    "Anjali": "अंजलि",
    "Salma": "सलमा",
}
SURNAMES = [("Manjhi", "मांझी"), ("Paswan", "पासवान"), ("Ansari", "अंसारी"), ("Ram", "राम")]
WORK = ["brick_kiln", "dhaba_hotel", "Domestic work", "zari_embroidery", "bangles", "agriculture"]


def rows(n: int = 12, seed: int = 18) -> list[list[object]]:
    """Invented register rows: 2025 rescues near Patna, some from other states."""
    rng = random.Random(seed)
    out: list[list[object]] = []
    for i in range(n):
        girl = i % 3 == 2
        first = rng.choice(GIRLS if girl else BOYS)
        surname, surname_hi = rng.choice(SURNAMES)
        month = 1 + i % 11
        rescue = f"2025-{month:02d}-{10 + i % 15:02d}"
        produced = f"2025-{month:02d}-{11 + i % 15:02d}"
        other = i % 4 == 3
        final = f"2025-{month + 1:02d}-{5 + i % 20:02d}"
        out.append(
            [
                f"BIH_PATNA_2025_{100200 + i}",
                first,
                "Kumari" if girl else surname,
                f"{HINDI[first]} {'कुमारी' if girl else surname_hi}",
                "F" if girl else "M",
                f"{2010 + i % 6}-{1 + i % 12:02d}-15",
                rescue,
                rng.choice(["Danapur", "Phulwari", "Fatuha"]),
                rng.choice(["Shivala", "Khagaul", "Rampur"]),
                rng.choice(
                    ["LEO/LS/LRD, police", "labour_dept", "CHILDLINE; police", "ngo, police"]
                ),
                f"{rng.choice(['Maa Durga', 'Shiv Shakti', 'New Bharat'])} Works",
                f"{rng.choice(BOYS)} {rng.choice(['Prasad', 'Singh', 'Gupta'])}",
                rng.choice(WORK),
                "yes" if i % 5 == 0 else "no",
                f"{100 + i}/2025",
                rescue,
                rng.choice(["Danapur", "Phulwari"]),
                "calpra_3, jj_79",
                "Jharkhand" if other else "Bihar",
                "" if other else rng.choice(["Gaya", "Nalanda", "Patna", "Vaishali"]),
                "Giridih" if other else "",
                produced,
                "Restored to family" if i % 6 else "institutional",
                final,
                f"2025-{month + 1:02d}-{6 + i % 20:02d}" if i % 6 else "",
                f"{'Late ' if i == 4 else ''}{rng.choice(BOYS)} {surname}",
                f"{rng.choice(GIRLS)} Devi",
                "rural",
                rng.choice(["kutcha", "pucca", "homeless", "semi_pucca"]),
                rng.choice(["none", "phh", "aay"]) if i % 2 else "none",
                "yes" if i % 2 else "no",
                "yes",
                rng.choice(["sc", "ebc", "obc", "st"]),
                f"2025-{month:02d}-{20 + i % 8:02d}" if i % 3 else "",
                f"CASH/LS/{300 + i}" if i % 3 else "",
                "cash" if i % 3 else "",
                f"2025-{month + 1:02d}-{10 + i % 15:02d}" if i % 2 and not other else "",
                f"LRD/CMRF/2025/{40 + i}" if i % 2 and not other else "",
                f"2025-{month:02d}-{25:02d}" if i % 4 == 0 else "",
                f"LS/NOTICE/{i}" if i % 4 == 0 else "",
            ]
        )
    return out


def write_sample() -> None:
    """Write the .xlsx and .csv sample registers."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Rescued children"
    ws.append(HEADERS)
    for r in rows():
        ws.append(r)
    wb.save(XLSX)
    with CSV.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADERS)
        w.writerows(rows())


if __name__ == "__main__":
    write_sample()
