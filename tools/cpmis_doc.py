"""Write the indicator reference of docs/cpmis.md from the catalogue (between its markers).

    python tools/cpmis_doc.py          # rewrites the generated part of docs/cpmis.md

Every indicator with its source: the CPMIS 2020 form, section and cells it stands for, and
whether it is counted from the case records (the function and its parameters), worked out
from other indicators, or entered; then the norms with their sources and verified markers.
A test checks that the document lists every indicator of the shipped catalogue.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reporting.cpmis.loader import load_catalogue  # noqa: E402

DOC = ROOT / "docs" / "cpmis.md"
BEGIN = "<!-- BEGIN GENERATED: tools/cpmis_doc.py -->"
END = "<!-- END GENERATED -->"
BODY_NAMES = {
    "cci": "Child Care Institutions",
    "cwc": "Child Welfare Committees",
    "jjb": "Juvenile Justice Boards",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _source(ind) -> str:  # type: ignore[no-untyped-def]
    if ind.kind == "entered":
        how = {
            "monthly_return": "entered each month",
            "facility_profile": "entered (facility; carried month to month)",
            "institution_master": "entered (institution record)",
        }.get(ind.entry or "", "entered")
        if ind.carry_from:
            how += f"; opening figure carried from `{ind.carry_from}`"
        if ind.offer:
            how += f"; offered from the CCIs' records (`{ind.offer}`)"
        return how
    params = ", ".join(f"{k}={v}" for k, v in ind.params.items())
    call = f"`{ind.function}({params})`"
    if ind.kind == "case":
        return f"counted from case records: {call}"
    if ind.kind == "returns":
        return f"from the returns log: {call}"
    parts = []
    if ind.numerator:
        parts.append("num " + " + ".join(f"`{x}`" for x in ind.numerator))
    if ind.denominator:
        parts.append("den " + " + ".join(f"`{x}`" for x in ind.denominator))
    per = "per body, then summed" if ind.kind == "body" else "worked out at every level"
    return f"{call} ({'; '.join(parts)}; {per})" if parts else f"{call} ({per})"


def _form(ind) -> str:  # type: ignore[no-untyped-def]
    refs = [ind.form_ref, *ind.also_refs] if ind.form_ref else []
    out = []
    for r in refs:
        cells = r.get("cells") or r.get("field") or ""
        where = f"{r.get('form')} {r.get('item')}"
        if r.get("table"):
            where += f" `{r['table']}`"
        if cells:
            where += f" `{cells}`"
        out.append(where)
    if not out:
        return "CLMS addition" if ind.extension or not ind.in_cpmis_2020 else "CPMIS 2020"
    return "; ".join(out[:2]) + (f" (+{len(out) - 2} forms)" if len(out) > 2 else "")


def generate() -> str:
    """The generated part of the document."""
    cat = load_catalogue()
    lines = [
        BEGIN,
        "",
        f"Catalogue `{cat.id}` version `{cat.version}`: {len(cat.indicators)} indicators.",
        "",
    ]
    for body in ("cci", "cwc", "jjb"):
        inds = [i for i in cat.indicators.values() if i.body == body]
        counted = sum(1 for i in inds if i.kind == "case")
        entered = sum(1 for i in inds if i.kind == "entered")
        lines += [
            f"### {BODY_NAMES[body]} ({len(inds)}: {counted} counted from case records, "
            f"{entered} entered, {len(inds) - counted - entered} worked out)",
            "",
        ]
        lines += [
            "| id | indicator | unit | subgroups | quarter | source | form, section, cells |",
            "|---|---|---|---|---|---|---|",
        ]
        for i in inds:
            lines.append(
                f"| `{i.id}` | {_cell(i.name_en)} | {i.unit} | {i.subgroup_set} | "
                f"{i.quarter_rule} | {_cell(_source(i))} | {_cell(_form(i))} |"
            )
        lines.append("")
    lines += ["### Norms", "", "| id | norm | value | source | verified |", "|---|---|---|---|---|"]
    for n in cat.norms.values():
        value = n.value_text or (f"{n.value:g} {n.unit_text}" if n.value is not None else "")
        lines.append(
            f"| `{n.id}` | {_cell(n.name_en)} | {_cell(value)} | {_cell(n.source)} | "
            f"{'yes' if n.verified else 'no'} |"
        )
    lines += ["", END]
    return "\n".join(lines)


def main() -> int:
    """Rewrite the generated part of docs/cpmis.md."""
    text = DOC.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    DOC.write_text(head + generate() + tail, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
