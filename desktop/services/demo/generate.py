"""Mock training data: realistic, invented children, deterministic for a seed and date
(the people and their cases; record and audit ids are random, as for real records).

Written in bulk (SQLAlchemy Core, executemany) rather than through the ORM services,
so 250,000 children take minutes, not hours. The bulk path keeps the same promises as
the services: every record gets version 1 and its own change sequence number, each
child gets a chained audit event (action "demo_generate"), and search rows are written.
"""

from __future__ import annotations

import random
import uuid as uuid_mod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Table, text
from sqlalchemy.orm import Session

from bundle_format.chain import event_digest
from desktop.data import DATA_DIR
from desktop.models import (
    Setting,
    utcnow,
)
from desktop.rules.policy import load_policy
from desktop.services.cases.codes import make_code
from desktop.services.core.audit import last_hash
from desktop.services.core.bulk import raw_insert, take_seqs
from desktop.services.core.context import actor_of
from desktop.services.core.errors import NotAllowed
from desktop.services.core.search_index import find_key_rows, insert_find_keys, search_row
from desktop.services.demo.children import AUDIT_TABLE, TABLES, ChildMaker
from desktop.services.demo.clts import add_clts_cases
from desktop.services.demo.purpose import PURPOSE_KEY, is_training_folder
from desktop.services.install.institution import local_institution

NAMES_FILE = DATA_DIR / "demo_names.toml"
# Weights of the 20 categories (codes 1..20): every category appears.


def _claim_for_training(session: Session) -> None:
    """Mark the folder as training data, refusing if it already holds real cases."""
    if is_training_folder(session):
        return
    real = session.execute(text("SELECT count(*) FROM child")).scalar()
    if real:
        raise NotAllowed(
            f"this data folder holds {real} real children: invented training children are "
            "never mixed with real cases. Set up a separate folder for training "
            "(clms --data-dir TRAINING-FOLDER init ..., then demo)."
        )
    session.add(Setting(key=PURPOSE_KEY, value="training"))
    session.flush()


@dataclass
class DemoResult:
    """What a demo run wrote."""

    children: int
    records: int
    clts_cases: int = 0
    cpmis_returns: int = 0


class _Ids:
    """Next free integer ids per table, and the change sequence, for a bulk write."""

    def __init__(self, session: Session, tables: list[Table]) -> None:
        conn = session.connection()
        self.next = {
            t.name: int(
                conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {t.name}")).scalar() or 0
            )
            + 1
            for t in tables
        }

    def take(self, table: str) -> int:
        i = self.next[table]
        self.next[table] = i + 1
        return i


def generate_demo(
    session: Session,
    *,
    children: int,
    seed: int = 1,
    as_of: date | None = None,
    chunk: int = 2000,
    progress: Callable[[int, int], None] | None = None,
    cpmis_quarters: int = 0,
) -> DemoResult:
    """Add `children` invented children (with their whole cases) to this install; with
    `cpmis_quarters`, also that many past quarters of CPMIS returns (and the state's
    invented district figures) so factsheets have trends."""
    if children < 1:
        raise ValueError("the number of children must be at least 1")
    as_of = as_of or date.today()
    # Deterministic for a seed and date; a second batch in the same folder draws other
    # children (and record ids), so adding more demo children never collides.
    before = session.execute(text("SELECT count(*) FROM child")).scalar() or 0
    rng = random.Random(seed if before == 0 else f"{seed}/{before}")
    policy = load_policy()
    inst = local_institution(session)
    _claim_for_training(session)
    actor = actor_of(session).label
    conn = session.connection()
    ids = _Ids(session, list(TABLES.values()))
    gen = ChildMaker(rng, policy, as_of, ids, inst, actor)
    gen.aadhaars = {
        a for (a,) in conn.execute(text("SELECT aadhaar FROM child WHERE aadhaar IS NOT NULL"))
    }

    def existing_serials(year: int) -> int:
        from desktop.services.cases.children import next_serial

        prefix = make_code(
            state=inst.state_code,
            district=inst.district_code,
            institution=inst.code,
            year=year,
            serial=0,
        )[:-7]
        return next_serial(session, prefix) - 1

    prev_hash = last_hash(session)
    done = records = 0
    while done < children:
        n = min(chunk, children - done)
        gen.rows = {}
        kids = []
        for _ in range(n):
            child, category = gen.child(existing_serials)
            gen.case(child, category)
            kids.append(child)
        count = sum(len(r) for r in gen.rows.values())
        seq = take_seqs(session, count)
        now = utcnow()
        per_child: dict[int, dict[str, int]] = {}
        for table, rows in gen.rows.items():
            for r in rows:
                r.update(
                    version=1, change_seq=seq, synced_version=0, created_at=now, updated_at=now
                )
                seq += 1
                if table != "child":
                    c = per_child.setdefault(r["child_id"], {})
                    c[table] = c.get(table, 0) + 1
            raw_insert(session, TABLES[table], rows)
        events = []
        for k in kids:
            fields = {
                "uuid": str(gen.uuid()),
                "at": now.isoformat(timespec="microseconds"),
                "actor": actor,
                "action": "demo_generate",
                "child_uuid": str(k["uuid"]),
                "changes": [
                    {
                        "op": "create",
                        "type": "child",
                        "uuid": str(k["uuid"]),
                        "after": {"code": k["code"], "first_name": k["first_name"]},
                    },
                    {"op": "create_related", "counts": per_child.get(k["id"], {})},
                ],
            }
            digest = event_digest(prev_hash, fields)
            events.append(
                {
                    **fields,
                    "uuid": uuid_mod.UUID(str(fields["uuid"])),
                    "prev_hash": prev_hash,
                    "hash": digest,
                }
            )
            prev_hash = digest
        raw_insert(session, AUDIT_TABLE, events)
        guardians_of: dict[int, list[str]] = {}
        for g in gen.rows.get("guardian", []):
            guardians_of.setdefault(g["child_id"], []).append(f"{g['name']} {g['name_local']}")
        conn.execute(
            text(
                "INSERT INTO child_search (rowid, code, names, guardians, keys) "
                "VALUES (:rowid, :code, :names, :guardians, :keys)"
            ),
            [
                {
                    "rowid": k["id"],
                    **search_row(
                        k["code"],
                        k["first_name"],
                        k["last_name"],
                        k["name_local"],
                        " ".join(guardians_of.get(k["id"], [])),
                    ),
                }
                for k in kids
            ],
        )
        names_of: dict[int, list[str]] = {}
        for g in gen.rows.get("guardian", []):
            names_of.setdefault(g["child_id"], []).append(f"{g['name']}|{g['name_local'] or ''}")
        insert_find_keys(
            conn,
            [
                row
                for k in kids
                for row in find_key_rows(
                    k["id"],
                    k["gender"],
                    k["dob"],
                    k["dob_estimated"],
                    k["first_name"],
                    k["last_name"],
                    k["name_local"],
                    "|".join(names_of.get(k["id"], [])),
                )
            ],
        )
        done += n
        records += count
        if progress:
            progress(done, children)
    # Rescued child labourers among them: cases, households, money, schemes, visits.
    clts = add_clts_cases(session, seed=seed, as_of=as_of)
    made = 0
    if cpmis_quarters > 0:
        from desktop.services.demo.cpmis import demo_returns, demo_state

        session.flush()
        made = demo_returns(session, quarters=cpmis_quarters, as_of=as_of, seed=seed)
        demo_state(session, quarters=cpmis_quarters, as_of=as_of, state=inst.state_code, seed=seed)
    return DemoResult(children=done, records=records, clts_cases=clts, cpmis_returns=made)
