"""Flags that come from outside the rules: an absconded alert carried in a verified receipt
(issue 20 item 3). The rules' daily run leaves them alone (their rule is not in the rule
set, yet they are not "no longer due"); they are worded from the evidence the flag keeps
in its note (JSON), and a person's reason on acknowledging or resolving is kept beside it.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from desktop.rules.dates import show_date

POSSIBLE_MATCH_ABSCONDED = "possible_match_absconded"
RECEIVED_RULES = frozenset({POSSIBLE_MATCH_ABSCONDED})
TITLES = {
    POSSIBLE_MATCH_ABSCONDED: (
        "Possible match with a missing child",
        "लापता बच्चे से संभावित मिलान",
    )
}
# No citation in DOMAIN.md / DOMAIN-2.md names the rule on missing children: not verified.
BASIS = {
    POSSIBLE_MATCH_ABSCONDED: {
        "en": "JJ Model Rules 2016 on missing and runaway children; Track Child",
        "hi": "किशोर न्याय आदर्श नियम 2016, लापता और भागे हुए बच्चे; ट्रैक चाइल्ड",
        "verified": False,
    }
}
SEVERITY = "high"
POLICY_VERSION = "receipt@1"


def title(rule_id: str, lang: str) -> str | None:
    """The title of a received flag's kind (None for a rule of the rule set)."""
    t = TITLES.get(rule_id)
    return None if t is None else (t[1] if lang == "hi" else t[0])


def note_for(alert: dict[str, Any]) -> str:
    """What a new received flag keeps in its note: the evidence."""
    return json.dumps({"alert": alert}, ensure_ascii=False, sort_keys=True)


def with_reason(note: str | None, why: str) -> str:
    """A received flag's note with a person's reason beside the evidence."""
    kept = _load(note)
    if kept is None:
        return why
    kept["why"] = why
    return json.dumps(kept, ensure_ascii=False, sort_keys=True)


def shown_note(rule_id: str, note: str | None) -> str:
    """What a person wrote on the flag (a received flag's evidence left out)."""
    if rule_id not in RECEIVED_RULES:
        return note or ""
    kept = _load(note)
    return str(kept.get("why") or "") if kept is not None else (note or "")


def _load(note: str | None) -> dict[str, Any] | None:
    try:
        kept = json.loads(note or "")
    except ValueError:
        return None
    return kept if isinstance(kept, dict) and isinstance(kept.get("alert"), dict) else None


def _day(s: Any) -> str:
    try:
        return show_date(date.fromisoformat(str(s)))
    except ValueError:
        return "?"


def words(rule_id: str, note: str | None) -> tuple[str, str]:
    """The (English, Hindi) explanation of a received flag, from its evidence."""
    kept = _load(note)
    rule_en, rule_hi = TITLES.get(rule_id, (rule_id, rule_id))
    basis = BASIS.get(rule_id, {"en": "", "hi": "", "verified": False})
    tail_en = f" ({basis['en']}; basis not verified)" if not basis["verified"] else ""
    tail_hi = f" ({basis['hi']}; आधार सत्यापित नहीं)" if not basis["verified"] else ""
    if kept is None:
        return f"{rule_en}.{tail_en}", f"{rule_hi}।{tail_hi}"
    a = kept["alert"]
    other = a.get("other") or {}
    code, home = other.get("code") or "?", other.get("home") or "?"
    score = f"{float(a.get('score') or 0):.0f}"
    reasons = ", ".join(str(r) for r in a.get("reasons") or [])
    if a.get("side") == "missing":
        en = (
            f"{rule_en}: this child, gone since {_day(a.get('left'))}, may have been "
            f"registered again as record {code} at {home}, admitted {_day(a.get('admitted'))}"
        )
        hi = (
            f"{rule_hi}: यह बच्चा, {_day(a.get('left'))} से लापता, संभवतः {home} में रिकॉर्ड "
            f"{code} के रूप में फिर से पंजीकृत हुआ है ({_day(a.get('admitted'))} को प्रवेश)"
        )
    else:
        en = (
            f"{rule_en}: this child may be record {code} of {home}, absconded or missing "
            f"since {_day(a.get('left'))}"
        )
        hi = (
            f"{rule_hi}: यह बच्चा संभवतः {home} का रिकॉर्ड {code} है, जो "
            f"{_day(a.get('left'))} से भागा हुआ या लापता है"
        )
    en += f". Score {score}: {reasons}. Check with the district office.{tail_en}"
    hi += f"। अंक {score}: {reasons}। जिला कार्यालय से पुष्टि करें।{tail_hi}"
    return en, hi
