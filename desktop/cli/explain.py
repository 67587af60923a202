"""`clms flags --explain CODE`: every rule's verdict for one child with the facts it read,
and for the adoption evaluation every ground (met / not met / excluded by ...), in
English or Hindi, as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from desktop.rules.adoption import Ground, Review
from desktop.rules.common import NOT_VERIFIED
from desktop.rules.facts import Facts
from desktop.services.flags.store import Verdict

WORDS: dict[str, tuple[str, str]] = {
    "every_rule": ("every rule as of", "हर नियम, दिनांक"),
    "not_in_care": (
        "not in care on {d}, so no rule applies.",
        "{d} को देखरेख में नहीं, अतः कोई नियम लागू नहीं।",
    ),
    "due": ("due", "देय"),
    "grounds": ("grounds for adoption evaluation", "दत्तक ग्रहण मूल्यांकन के आधार"),
    "met": ("met", "आधार बनता है"),
    "not_met": ("not met", "आधार नहीं बनता"),
    "excluded": ("excluded by", "आधार बनता है, पर लागू नहीं, कारण:"),
    "facts": ("facts", "तथ्य"),
    "basis": ("basis", "विधिक आधार"),
    "exclusions": ("excluded for every ground", "हर आधार के लिए लागू नहीं"),
}


def w(key: str, lang: str) -> str:
    """A label of the explanation in `lang`."""
    return WORDS[key][lang == "hi"]


def _used(facts: dict[str, object]) -> str:
    return ", ".join(f"{k}={'-' if x is None else x}" for k, x in facts.items())


def _ground_lines(g: Ground, lang: str) -> list[str]:
    hi = lang == "hi"
    name, why = (g.hi, g.why_hi) if hi else (g.en, g.why_en)
    if g.status == "excluded":
        status = f"{w('excluded', lang)} {g.excluded_hi if hi else g.excluded_en}"
    else:
        status = w(g.status, lang)
    basis = g.basis_hi if hi else g.basis_en
    mark = "" if g.verified else f" ({NOT_VERIFIED[hi]})"
    if g.status == "not_met" and g.id != "no_visitation" and g.facts.get("legal_class") != g.id:
        return [f"         - {name}: {status} ({why})"]  # another class: nothing more to say
    lines = [f"         - {name}: {status}", f"             {why}"]
    if g.facts:
        lines.append(f"             {w('facts', lang)}: {_used(g.facts)}")
    if basis:
        lines.append(f"             {w('basis', lang)}: {basis}{mark}")
    return lines


def review_lines(review: Review, lang: str) -> list[str]:
    """The adoption evaluation ground by ground, as indented lines."""
    lines = [f"       {w('grounds', lang)}:"]
    if review.exclusions:
        text = "; ".join(x.hi if lang == "hi" else x.en for x in review.exclusions)
        lines.append(f"         {w('exclusions', lang)}: {text}")
    for g in review.grounds:
        lines += _ground_lines(g, lang)
    return lines


def _review_json(review: Review, lang: str) -> dict[str, Any]:
    hi = lang == "hi"
    return {
        "exclusions": [{"id": x.id, "text": x.hi if hi else x.en} for x in review.exclusions],
        "grounds": [
            {
                "ground": g.id,
                "name": g.hi if hi else g.en,
                "status": g.status,
                "why": g.why_hi if hi else g.why_en,
                "excluded_by": (g.excluded_hi if hi else g.excluded_en) or None,
                "since": g.since,
                "facts": g.facts,
                "basis": g.basis_hi if hi else g.basis_en,
                "basis_verified": g.verified,
            }
            for g in review.grounds
        ],
    }


def explain_text(
    code: str,
    as_of: date,
    facts: Facts | None,
    verdicts: Sequence[Verdict],
    *,
    as_json: bool = False,
    lang: str = "en",
) -> str:
    """Every rule's verdict for one child, with the facts each rule used."""
    hi = lang == "hi"
    if facts is None:
        return f"{code}: " + w("not_in_care", lang).format(d=f"{as_of:%d-%m-%Y}")
    if as_json:
        return json.dumps(
            {
                "code": code,
                "as_of": as_of.isoformat(),
                "facts": facts.as_dict(),
                "rules": [
                    {
                        "rule": v.rule.id,
                        "fires": v.hit is not None,
                        "due": v.hit.due.isoformat() if v.hit else None,
                        "explanation": (v.hit.hi if hi else v.hit.en) if v.hit else None,
                        "facts_used": v.facts,
                        "basis_verified": v.policy.verified if v.policy else None,
                        **({} if v.review is None else _review_json(v.review, lang)),
                    }
                    for v in verdicts
                ],
            },
            ensure_ascii=False,
            indent=1,
            default=str,
        )
    lines = [f"{code}: {w('every_rule', lang)} {as_of:%d-%m-%Y}"]
    for v in verdicts:
        mark = "FLAG" if v.hit else "ok  "
        unverified = "" if v.policy is None or v.policy.verified else f" ({NOT_VERIFIED[hi]})"
        lines.append(f"  {mark} {v.rule.id:<26} [{_used(v.facts)}]{unverified}")
        if v.hit:
            lines.append(
                f"       {w('due', lang)} {v.hit.due:%d-%m-%Y}: {v.hit.hi if hi else v.hit.en}"
            )
        if v.review is not None:
            lines += review_lines(v.review, lang)
    return "\n".join(lines)
