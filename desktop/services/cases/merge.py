"""Merging two records of one child in one CCI (issue 20): the superintendent's decision.

One record is kept, the other is merged into it. For each identity and admission field
the superintendent chooses whose value stays (`merge_rows` lays them side by side); all
history of both is kept: the merged-away record's guardians, visits, orders, documents,
notes, flags, transfers, approvals and child-labour cases are re-pointed to the kept
record (a checklist item both have is kept once, the further along of the two). What
remains of the merged-away record is a tombstone: status "merged" and `merged_into_id`
pointing at the kept one, so its code still opens and says where the child is now.

Everything is one audited action (`merge_child`, the superintendent's permission), and
every re-pointed record gets a new version, so the next bundle carries the merge: the
tombstone travels with `merged_into_uuid`, the moved records with the kept child's uuid,
and central and the district follow (docs/bundle-format.md, "Merges").

A merge can be undone (`undo_merge`, the audited action `unmerge_child`, the
superintendent's with a reason): the merge's own audit event lists every record it
changed with its values before and after, so the undo is exact: each record that moved
moves back, each field the merge changed gets its old value back, a checklist line the
merge folded into the kept record's is made again, and the tombstone is a live child
again. A value changed again since the merge is left as it is now (said in the result);
an Aadhaar the kept record lost to the other record's cannot be brought back (the trail
keeps it masked) and must be entered again. Every change is a new version, so the next
bundle carries the undo and central and the district follow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import String, cast, inspect, select
from sqlalchemy.orm import Session

from desktop.models import (
    TRACKED_MODELS,
    ApprovalRequest,
    AuditEvent,
    Child,
    DocumentItem,
    Flag,
    Guardian,
    utcnow,
)
from desktop.models.enums import ChildStatus
from desktop.rules.dates import show_date
from desktop.services.cases.children import ChildInput, sync_documents, validate_child
from desktop.services.core.audit import audited, plain
from desktop.services.core.context import actor_of
from desktop.services.core.errors import NotAllowed, ValidationError
from desktop.services.core.names import name_key
from desktop.services.core.permissions import check_child
from desktop.services.core.tracking import mask_aadhaar
from desktop.services.core.validation import clean_text
from desktop.services.find.duplicates import Candidate, Probe, find_duplicates

# The fields chosen one by one, in the order of the screen. `dob` brings `dob_estimated`.
MERGE_FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "name_local",
    "gender",
    "dob",
    "aadhaar",
    "photo_hash",
    "identification_marks",
    "disability",
    "languages",
    "admission_date",
    "referral",
    "admission_order_no",
    "produced_before_cwc_on",
    "medical_exam_on",
)
# Names the command line accepts for a group of fields.
FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    "name": ("first_name", "last_name"),
    "photo": ("photo_hash",),
}
LABELS: dict[str, str] = {
    "first_name": "First name",
    "last_name": "Last name",
    "name_local": "Name (Hindi)",
    "gender": "Gender",
    "dob": "Date of birth",
    "aadhaar": "Aadhaar",
    "photo_hash": "Photo",
    "identification_marks": "Identification marks",
    "disability": "Disability",
    "languages": "Languages",
    "admission_date": "Admission date",
    "referral": "Referred by",
    "admission_order_no": "Admission order no.",
    "produced_before_cwc_on": "Produced before CWC on",
    "medical_exam_on": "Medical examination on",
}
_DOC_RANK = {"verified": 3, "obtained": 2, "required": 1, "not_applicable": 0}
_DOC_FIELDS = ("status", "status_on", "obtained_on", "verified_on", "verified_by")
_OPEN_FLAG = ("open", "acknowledged", "escalated")


@dataclass(frozen=True)
class FieldRow:
    """One line of the side-by-side screen: the field, both values as shown, the default."""

    field: str
    label: str
    keep_text: str
    gone_text: str
    same: bool
    default: str  # "keep" or "gone": the kept record's value unless it is empty


@dataclass
class MergeResult:
    """What a merge did: the two codes, the fields taken from the merged-away record and
    how many records of each kind moved to the kept one."""

    kept_code: str
    gone_code: str
    taken: list[str]
    moved: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One paragraph for the terminal or a message box."""
        moved = ", ".join(f"{n} {t}" for t, n in sorted(self.moved.items()) if n) or "nothing"
        taken = ", ".join(self.taken) or "none"
        return (
            f"Merged {self.gone_code} into {self.kept_code}. Fields taken from "
            f"{self.gone_code}: {taken}. Records moved: {moved}."
        )


def _value(child: Child, f: str) -> Any:
    return getattr(child, f)


def _shown(child: Child, f: str) -> str:
    v = _value(child, f)
    if v is None or v == "":
        return "-"
    if f == "aadhaar":
        return str(mask_aadhaar(v))
    if f == "photo_hash":
        return f"photo {str(v)[:8]}"
    if f == "dob":
        return show_date(v) + (" (estimated)" if child.dob_estimated else "")
    if isinstance(v, date):
        return show_date(v)
    return str(v)


def _same(keep: Child, gone: Child, f: str) -> bool:
    if f == "dob":
        return bool(keep.dob == gone.dob and keep.dob_estimated == gone.dob_estimated)
    return bool(_value(keep, f) == _value(gone, f))


def merge_rows(keep: Child, gone: Child) -> list[FieldRow]:
    """Both records' values of every merge field, side by side (Aadhaar masked)."""
    rows = []
    for f in MERGE_FIELDS:
        empty = _value(keep, f) in (None, "") and _value(gone, f) not in (None, "")
        rows.append(
            FieldRow(
                f,
                LABELS[f],
                _shown(keep, f),
                _shown(gone, f),
                _same(keep, gone, f),
                "gone" if empty else "keep",
            )
        )
    return rows


def parse_choices(items: Iterable[str]) -> dict[str, str]:
    """`field=keep|gone` items (the command line's `--field`) as {field: side}."""
    out: dict[str, str] = {}
    bad: dict[str, str] = {}
    for item in items:
        name, _, side = item.partition("=")
        name, side = name.strip(), side.strip().lower()
        if side not in ("keep", "gone"):
            bad[name or item] = "choose keep or gone (e.g. name=gone)"
            continue
        fields = FIELD_GROUPS.get(name, (name,))
        for f in fields:
            if f not in MERGE_FIELDS:
                bad[name] = "is not a field that can be chosen (" + ", ".join(MERGE_FIELDS) + ")"
            else:
                out[f] = side
    if bad:
        raise ValidationError(bad)
    return out


def history_counts(session: Session, child: Child) -> dict[str, int]:
    """How many records of each kind hang on a child (what a merge moves)."""
    out: dict[str, int] = {}
    for model in _child_models():
        col = model.table().c.child_id
        n = len(session.execute(select(model.table().c.id).where(col == child.id)).all())
        if n:
            out[model.record_type()] = n
    return out


def _child_models() -> list[Any]:
    return [m for m in TRACKED_MODELS if m is not Child and "child_id" in m.table().c]


def _check(session: Session, keep: Child, gone: Child, reason: str | None) -> str:
    if keep.id == gone.id:
        raise NotAllowed("choose two different records to merge")
    for c in (keep, gone):
        if c.status == ChildStatus.MERGED.value or c.merged_into_id is not None:
            raise NotAllowed(f"record {c.code} was already merged into another record")
        check_child(session, c)
    if keep.institution_id != gone.institution_id:
        raise NotAllowed(
            "only two records of the same home can be merged; "
            "a child in another home is linked by the district office"
        )
    why = clean_text(reason, max_len=500) if isinstance(reason, str) else None
    if not why:
        raise ValidationError({"reason": "say why these are the same child"})
    return why


def _merged_values(keep: Child, gone: Child, take: set[str], today: date) -> dict[str, Any]:
    """The kept record's identity after the merge, validated like a registration."""
    values = {f: _value(gone if f in take else keep, f) for f in MERGE_FIELDS}
    source = gone if "dob" in take else keep
    form = ChildInput(
        **{f: values[f] for f in MERGE_FIELDS if f != "photo_hash"},
        category_code=keep.category_code,
    )
    validate_child(form, today=today)  # raises ValidationError with the field at fault
    values["dob_estimated"] = source.dob_estimated
    return values


def merge_children(
    session: Session,
    keep: Child,
    gone: Child,
    *,
    take: dict[str, str] | Iterable[str] = (),
    reason: str | None,
    today: date | None = None,
) -> MergeResult:
    """Merge `gone` into `keep` (two records of one child in this home).

    `take`: the fields whose value comes from `gone` ({field: "gone"|"keep"} or a list of
    fields); every other field keeps `keep`'s value. Needs the superintendent's permission
    (the audited action `merge_child`) and a reason.
    """
    today = today or date.today()
    why = _check(session, keep, gone, reason)
    if isinstance(take, dict):
        taken = {f for f, side in take.items() if side == "gone"}
    else:
        taken = set(take)
    unknown = taken - set(MERGE_FIELDS)
    if unknown:
        raise ValidationError({f: "is not a field that can be chosen" for f in sorted(unknown)})
    taken = {f for f in taken if not _same(keep, gone, f)}
    values = _merged_values(keep, gone, taken, today)
    moved: dict[str, int] = {}
    label = actor_of(session).label
    with audited(session, "merge_child", child=keep, reason=why):
        if "aadhaar" in taken and gone.aadhaar:
            gone.aadhaar = None  # one child per Aadhaar: freed before the kept takes it
            session.flush()
        _move_history(session, keep, gone, today=today, by=label, moved=moved)
        for f, v in values.items():
            if getattr(keep, f) != v:
                setattr(keep, f, v)
        keep.name_key = name_key(keep.first_name, keep.last_name) or name_key(keep.name_local)
        gone.status = ChildStatus.MERGED.value
        gone.merged_into_id = keep.id
        gone.exit_reason = f"merged into {keep.code}: {why}"
        session.flush()
        if "dob" in taken:
            from desktop.rules.policy import load_policy

            sync_documents(session, keep, policy=load_policy(), today=today)
    return MergeResult(keep.code, gone.code, sorted(taken), moved)


def _move_history(
    session: Session, keep: Child, gone: Child, *, today: date, by: str, moved: dict[str, int]
) -> None:
    """Re-point every record of `gone` to `keep`, each a new version of the record."""
    kept_docs = {
        d.doc_type: d
        for d in session.scalars(select(DocumentItem).where(DocumentItem.child_id == keep.id))
    }
    open_rules = set(
        session.scalars(
            select(Flag.rule_id).where(Flag.child_id == keep.id, Flag.status.in_(_OPEN_FLAG))
        )
    )
    for model in _child_models():
        rows = session.scalars(select(model).where(model.child_id == gone.id)).all()
        for row in rows:
            if isinstance(row, DocumentItem) and row.doc_type in kept_docs:
                _merge_document(session, kept_docs[row.doc_type], row)
                moved["document_item"] = moved.get("document_item", 0) + 1
                continue
            if isinstance(row, Flag) and row.status in _OPEN_FLAG and row.rule_id in open_rules:
                row.status, row.resolved_on, row.resolved_by = "resolved", today, by
                row.note = f"the same finding is open on {keep.code} (records merged)"
            if isinstance(row, ApprovalRequest) and row.status == "pending":
                # Asked about the other record: returned, to be asked again if still needed.
                row.status, row.decided_by, row.decided_at = "returned", by, utcnow()
                row.decision_note = f"the records were merged into {keep.code}; ask again there"
            row.child_id = keep.id  # the column itself: a tracked change, so it is sent
            moved[model.record_type()] = moved.get(model.record_type(), 0) + 1
    session.flush()
    for g in session.scalars(select(Guardian).where(Guardian.child_id == keep.id)):
        session.expire(g, ["child"])
    session.expire(keep, ["guardians"])
    session.expire(gone, ["guardians"])


def _merge_document(session: Session, kept: DocumentItem, other: DocumentItem) -> None:
    """One checklist line for both: the further along of the two, the other's scan kept
    if the kept line has none; the other line is then removed (a tombstone travels)."""
    if _DOC_RANK.get(other.status, 0) > _DOC_RANK.get(kept.status, 0):
        for f in _DOC_FIELDS:
            setattr(kept, f, getattr(other, f))
        if other.attachment_hash:
            kept.attachment_hash = other.attachment_hash
    elif kept.attachment_hash is None and other.attachment_hash:
        kept.attachment_hash = other.attachment_hash
    if other.note and other.note != kept.note:
        kept.note = f"{kept.note}; {other.note}" if kept.note else other.note
    session.delete(other)


def merged_into(session: Session, child: Child) -> Child | None:
    """The record a merged-away record points to (the end of the chain), or None."""
    seen = {child.id}
    target = child
    while target.merged_into_id is not None and target.merged_into_id not in seen:
        nxt = session.get(Child, target.merged_into_id)
        if nxt is None:
            break
        seen.add(nxt.id)
        target = nxt
    return None if target is child else target


def same_child_candidates(session: Session, child: Child, *, limit: int = 8) -> list[Candidate]:
    """Other records of this home that may be the same child (the registration check run
    on this child's own record), best first; merged-away records left out."""
    guardians = session.scalars(select(Guardian.name).where(Guardian.child_id == child.id))
    probe = Probe(
        first_name=child.first_name,
        last_name=child.last_name,
        name_local=child.name_local,
        gender=child.gender,
        dob=child.dob,
        dob_estimated=child.dob_estimated,
        guardian_names=tuple(guardians),
        aadhaar=None,
        identification_marks=child.identification_marks,
        languages=child.languages,
    )
    found = find_duplicates(session, probe, limit=limit + 1)
    return [c for c in found if c.child_id != child.id and c.status != ChildStatus.MERGED.value][
        :limit
    ]


@dataclass
class UndoResult:
    """What undoing a merge did: the two codes, how many records of each kind moved back,
    and what could not be put back as it was (in plain words)."""

    kept_code: str
    gone_code: str
    moved: dict[str, int] = field(default_factory=dict)
    left: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One paragraph for the terminal or a message box."""
        moved = ", ".join(f"{n} {t}" for t, n in sorted(self.moved.items()) if n) or "nothing"
        text = (
            f"Undid the merge of {self.gone_code} into {self.kept_code}: {self.gone_code} is "
            f"a child of its own again. Records moved back: {moved}."
        )
        if self.left:
            text += " Not put back: " + "; ".join(self.left) + "."
        return text


_MODELS = {m.record_type(): m for m in TRACKED_MODELS}
_NOT_RESTORED = frozenset({"aadhaar", "name_key", "child_id"})


def merge_event(session: Session, gone: Child) -> AuditEvent | None:
    """The audit event of the merge that made `gone` a tombstone (the latest one)."""
    uuid = str(gone.uuid)
    q = (
        select(AuditEvent)
        .where(cast(AuditEvent.changes, String).contains(uuid))
        .order_by(AuditEvent.id.desc())
    )
    for ev in session.scalars(q):
        for ch in ev.changes or []:
            after = ch.get("after") or {}
            if ch.get("uuid") == uuid and after.get("merged_into_id") == gone.merged_into_id:
                return ev
    return None


def _typed(model: Any, name: str, value: Any) -> Any:
    """A value of the audit trail (JSON) as the column holds it."""
    if value is None:
        return None
    col = inspect(model).columns.get(name)
    if col is None:
        return value
    try:
        kind = col.type.python_type
    except NotImplementedError:
        return value
    if kind is date and isinstance(value, str):
        return date.fromisoformat(value)
    if kind is not str and kind.__name__ == "datetime" and isinstance(value, str):
        from datetime import datetime

        return datetime.fromisoformat(value)
    if kind.__name__ == "UUID" and isinstance(value, str):
        import uuid as uuid_mod

        return uuid_mod.UUID(value)
    return value


def _restore(row: Any, before: dict[str, Any], after: dict[str, Any], left: list[str]) -> bool:
    """Put back the fields the merge changed on one record, unless changed again since."""
    changed = False
    for name, old in before.items():
        if name in _NOT_RESTORED or name not in after:
            continue
        if plain(getattr(row, name)) != after[name]:
            left.append(f"{row.record_type()} {name} (changed again since the merge)")
            continue
        setattr(row, name, _typed(type(row), name, old))
        changed = True
    return changed


def undo_merge(
    session: Session, gone: Child, *, reason: str | None, today: date | None = None
) -> UndoResult:
    """Undo the merge of `gone` (a tombstone) into the record it points to: `gone` is a
    live child again with every record that came from it (the superintendent's action
    `unmerge_child`, with a reason)."""
    today = today or date.today()
    if gone.merged_into_id is None:
        raise NotAllowed(f"record {gone.code} was not merged into another record")
    keep = session.get(Child, gone.merged_into_id)
    if keep is None:
        raise NotAllowed(f"the record {gone.code} was merged into is not here")
    if keep.merged_into_id is not None:
        raise NotAllowed(
            f"record {keep.code} was itself merged into another record: undo that merge first"
        )
    check_child(session, keep)
    why = clean_text(reason, max_len=500) if isinstance(reason, str) else None
    if not why:
        raise ValidationError({"reason": "say why the merge is undone"})
    ev = merge_event(session, gone)
    if ev is None:
        raise NotAllowed(
            f"the merge of {gone.code} is not in this home's audit trail: it cannot be undone here"
        )
    out = UndoResult(keep.code, gone.code)
    keep_uuid, gone_uuid = str(keep.uuid), str(gone.uuid)
    changes = list(ev.changes or [])
    with audited(session, "unmerge_child", child=keep, reason=why):
        # The Aadhaar first (one child per Aadhaar): back to the record it came from.
        gone_had = any(
            ch.get("uuid") == gone_uuid
            and (ch.get("before") or {}).get("aadhaar")
            and (ch.get("after") or {}).get("aadhaar", "x") is None
            for ch in changes
        )
        keep_had = next(
            (
                (ch.get("before") or {}).get("aadhaar")
                for ch in changes
                if ch.get("uuid") == keep_uuid and "aadhaar" in (ch.get("before") or {})
            ),
            "unchanged",
        )
        if gone_had and keep.aadhaar and gone.aadhaar is None:
            value = keep.aadhaar
            keep.aadhaar = None
            session.flush()
            gone.aadhaar = value
            if keep_had not in (None, "unchanged"):
                out.left.append(f"the Aadhaar of {keep.code} (enter it again)")
        for ch in reversed(changes):
            kind, uuid, op = ch.get("type"), ch.get("uuid"), ch.get("op")
            model = _MODELS.get(str(kind))
            if model is None:
                continue
            before, after = ch.get("before") or {}, ch.get("after") or {}
            if op == "delete" and model is DocumentItem and before.get("child_id") == gone.id:
                if (
                    session.scalars(
                        select(DocumentItem).where(
                            DocumentItem.child_id == gone.id,
                            DocumentItem.doc_type == before.get("doc_type"),
                        )
                    ).first()
                    is None
                ):
                    doc = DocumentItem(child_id=gone.id)
                    for name, v in before.items():
                        if name not in ("id", "child_id") and hasattr(doc, name):
                            setattr(doc, name, _typed(DocumentItem, name, v))
                    session.add(doc)
                    out.moved["document_item"] = out.moved.get("document_item", 0) + 1
                continue
            if op != "update":
                continue
            row = session.scalars(select(model).where(model.uuid == _typed(model, "uuid", uuid)))
            obj = row.first()
            if obj is None:
                out.left.append(f"a {kind} record (deleted since the merge)")
                continue
            if "child_id" in after and after["child_id"] == keep.id:
                if getattr(obj, "child_id", None) == keep.id:
                    obj.child_id = gone.id  # type: ignore[attr-defined]
                    out.moved[str(kind)] = out.moved.get(str(kind), 0) + 1
                else:
                    out.left.append(f"a {kind} record (moved again since the merge)")
            _restore(obj, before, after, out.left)
        if gone.merged_into_id is not None:  # a trail without the pointer's own change
            gone.merged_into_id = None
        if gone.status == ChildStatus.MERGED.value:
            gone.status = ChildStatus.IN_CARE.value
        keep.name_key = name_key(keep.first_name, keep.last_name) or name_key(keep.name_local)
        session.flush()
        for g in session.scalars(select(Guardian).where(Guardian.child_id.in_((keep.id, gone.id)))):
            session.expire(g, ["child"])
        session.expire(keep, ["guardians"])
        session.expire(gone, ["guardians"])
        from desktop.rules.policy import load_policy

        policy = load_policy()
        for c in (keep, gone):
            sync_documents(session, c, policy=policy, today=today)
    return out
