"""The bodies that make CPMIS returns: this install's CCI, and at a district office the
district's CWCs and JJBs (one of each by default; a district with more benches adds them).
Also which catalogue is in use."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.models import Institution, Setting
from reporting.cpmis.areas import Area, body_area, institution_area
from reporting.cpmis.catalogue import DEFAULT_CATALOGUE, Catalogue
from reporting.cpmis.loader import load_catalogue

CATALOGUE_SETTING = "cpmis.catalogue_path"
BODIES_SETTING = "cpmis.district_bodies"
BODY_NAMES = {"cwc": "Child Welfare Committee", "jjb": "Juvenile Justice Board"}


@dataclass(frozen=True)
class BodyRef:
    """A body that reports: a CCI, or a CWC / JJB of a district."""

    body_type: str  # cci | cwc | jjb
    code: str  # cci:<institution uuid> | cwc:<district>:<n> | jjb:<district>:<n>
    name: str
    state: int
    district: int
    area: Area
    institution_id: int | None = None
    cci_type: str | None = None


def active_catalogue(session: Session) -> Catalogue:
    """The catalogue this install uses: a state's file if one was chosen, else the default."""
    row = session.get(Setting, CATALOGUE_SETTING)
    path = Path(row.value) if row is not None and row.value else DEFAULT_CATALOGUE
    return load_catalogue(path)


def cci_body(cat: Catalogue, inst: Institution) -> BodyRef:
    """The body of a CCI of this database."""
    return BodyRef(
        body_type="cci",
        code=f"cci:{inst.uuid}",
        name=inst.name,
        state=inst.state_code,
        district=inst.district_code,
        area=institution_area(
            inst.state_code, inst.district_code, inst.code, inst.name, inst.name_local
        ),
        institution_id=inst.id,
        cci_type=cat.cci_type_of(inst.type),
    )


def district_bodies(session: Session, *, state: int, district: int) -> list[BodyRef]:
    """The CWCs and JJBs whose returns this district office enters."""
    row = session.get(Setting, BODIES_SETTING)
    listed: list[dict[str, object]] = json.loads(row.value) if row is not None else []
    if not listed:
        listed = [{"type": "cwc", "n": 1, "name": ""}, {"type": "jjb", "n": 1, "name": ""}]
    out = []
    for b in listed:
        kind, n = str(b["type"]), int(str(b["n"]))
        name = str(b.get("name") or f"{BODY_NAMES[kind]} {n}")
        out.append(
            BodyRef(
                body_type=kind,
                code=f"{kind}:{district}:{n}",
                name=name,
                state=state,
                district=district,
                area=body_area(state, district, kind, n, name),
            )
        )
    return out


def add_district_body(
    session: Session, *, state: int, district: int, body_type: str, name: str
) -> BodyRef:
    """Add a CWC or JJB bench to the district's list (numbered after the others)."""
    if body_type not in BODY_NAMES:
        raise ValueError("a district body is a cwc or a jjb")
    current = district_bodies(session, state=state, district=district)
    n = 1 + max(
        (int(b.code.rsplit(":", 1)[1]) for b in current if b.body_type == body_type), default=0
    )
    listed = [
        {"type": b.body_type, "n": int(b.code.rsplit(":", 1)[1]), "name": b.name} for b in current
    ]
    listed.append(
        {"type": body_type, "n": n, "name": name.strip() or f"{BODY_NAMES[body_type]} {n}"}
    )
    row = session.get(Setting, BODIES_SETTING)
    if row is None:
        session.add(Setting(key=BODIES_SETTING, value=json.dumps(listed)))
    else:
        row.value = json.dumps(listed)
    session.flush()
    return district_bodies(session, state=state, district=district)[-1]
