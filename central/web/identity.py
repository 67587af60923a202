"""The officials' page for the same child in several homes (issue 20):

    GET  /identity[?district=212][&days=7]   pairs of records of two homes that may be the
                                             same child, and absconded children registered
                                             again; scored and explained
    POST /identity/decide                    confirm or dismiss a pair (CSRF token of the
                                             session; officials with children's records)

A district official sees the pairs of their district's homes; a state official one
district's, or the whole state's registrations of the last `days` days (the incremental
search: a whole state at once is the command line's, `python -m central identity`).
Every decision is in the officials' log.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from central.identity.absconded import alerts, check_absconded
from central.identity.decisions import decide
from central.identity.search import Found, area_candidates, new_candidates
from central.officials import LiveSession, Scope, log_event
from central.projection import view_child
from central.reports.area import Area, OutOfArea
from central.schema import writer
from central.web import service
from central.web.render import SECURITY_HEADERS

MAX_DAYS = 31
LIMIT = 200
# The matcher's reasons (`matching.score`, the registration check's words) in Hindi.
_REASONS_HI = (
    ("name sounds alike: {0} ({1}%)", "नाम मिलता-जुलता: {0} ({1}%)"),
    (
        "given name alike, surname differs: {0} ({1}%)",
        "पहला नाम मिलता-जुलता, उपनाम अलग: {0} ({1}%)",
    ),
    ("same date of birth ({0})", "जन्म तिथि वही ({0})"),
    ("born {0} days apart (estimated)", "जन्म में {0} दिन का अंतर (अनुमानित)"),
    ("born {0} days apart", "जन्म में {0} दिन का अंतर"),
    ("recorded with another gender ({0})", "दूसरे लिंग के साथ दर्ज ({0})"),
    ("guardian name alike: {0} ({1}%)", "अभिभावक का नाम मिलता-जुलता: {0} ({1}%)"),
    ("same Aadhaar number", "आधार संख्या वही"),
    ("same photo", "वही फ़ोटो"),
    ("different Aadhaar numbers", "अलग-अलग आधार नंबर"),
)


def _pattern(en: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\d)\}", en)
    rx = "".join(re.escape(x) if i % 2 == 0 else "(.*?)" for i, x in enumerate(parts))
    return re.compile(f"^{rx}$", re.DOTALL)


_COMPILED = tuple((_pattern(en), hi) for en, hi in _REASONS_HI)


def reason_in(lang: str, reason: str) -> str:
    """One reason of a match in the page's language."""
    if lang != "hi":
        return reason
    for rx, hi in _COMPILED:
        m = rx.match(reason)
        if m:
            return hi.format(*m.groups())
    return reason


@dataclass(frozen=True)
class IdentityPage:
    """What the page shows."""

    district: int | None
    days: int
    pairs: list[Found]
    alerts: list[dict[str, Any]]


def identity_page(engine: Engine, scope: Scope, *, district: int | None, days: int) -> IdentityPage:
    """The pairs and alerts of the official's area (a district, or the state's recent)."""
    area = scope.area if district is None else scope.area.district_area(district)
    days = max(1, min(days, MAX_DAYS))
    with Session(writer(engine), expire_on_commit=False) as s, s.begin():
        if area.district is not None:  # the district's children, with any home of the state
            pairs = area_candidates(s, area, partners=Area(area.state), limit=LIMIT)
        else:
            since = service.today() - timedelta(days=days)
            pairs = new_candidates(s, area, since=since, limit=LIMIT)
        check_absconded(s, area, refresh=False)
        found = [
            {"id": a.id, "score": a.score, "reasons": list(a.reasons), **a.evidence}
            for a in alerts(s, area)
        ]
    return IdentityPage(area.district, days, pairs, found)


def decide_pair(
    engine: Engine, scope: Scope, a: str, b: str, *, decision: str, client: str | None
) -> None:
    """An official's decision on a pair: both records in the state, one in their area."""
    if not scope.child_records:
        raise service.NotAllowed("Your role shows counts only, not children's records.")
    with Session(writer(engine)) as s, s.begin():
        rows = s.execute(
            select(view_child.c.state_code, view_child.c.district_code).where(
                view_child.c.record_uuid.in_((a, b))
            )
        ).all()
        if len(rows) != 2 or not all(st == scope.state for st, _d in rows):
            raise OutOfArea("These children are not in your area.")
        if not any(scope.area.contains(Area(st, d)) for st, d in rows):
            raise OutOfArea("These children are not in your area.")
        decide(s, a, b, decision=decision, by=scope.username, district=scope.district)
        log_event(
            s,
            username=scope.username,
            action=f"identity_{decision}",
            subject=a,
            client=client,
            details={"records": [a, b]},
        )


def routes_of(pages: Any, read_form: Any, client_of: Any) -> list[BaseRoute]:
    """The two routes, guarded by the pages' login check (`central.web.pages` gives its
    form reader and client address)."""

    async def show(request: Request, live: LiveSession) -> Response:
        q = request.query_params
        district = int(q["district"]) if q.get("district", "").isdigit() else None
        if live.scope.district is not None:
            district = live.scope.district
        days = int(q["days"]) if q.get("days", "").isdigit() else 7
        got = await run_in_threadpool(
            lambda: identity_page(pages.engine, live.scope, district=district, days=days)
        )
        done = q.get("done", "")
        lang = pages.lang(request)
        shown: Response = pages._render(
            request, live, "identity.html", p=got, done=done, why=lambda r: reason_in(lang, r)
        )
        return shown

    async def post(request: Request, live: LiveSession) -> Response:
        form = await read_form(request)
        if not hmac.compare_digest(form.get("csrf", ""), live.csrf):
            expired: Response = pages._error(
                request, live, 400, "Not saved", "the form had expired; try again"
            )
            return expired
        decision = form.get("decision", "")
        if decision not in ("confirmed", "dismissed"):
            refused: Response = pages._error(request, live, 400, "Not saved", "no decision")
            return refused
        a, b = form.get("a", "")[:64], form.get("b", "")[:64]
        await run_in_threadpool(
            lambda: decide_pair(
                pages.engine, live.scope, a, b, decision=decision, client=client_of(request)
            )
        )
        back = form.get("back", "/identity")
        back = back if back.startswith("/identity") else "/identity"
        sep = "&" if "?" in back else "?"
        return RedirectResponse(f"{back}{sep}done={decision}", 303, headers=SECURITY_HEADERS)

    return [
        Route("/identity", pages.guard(show), methods=["GET"]),
        Route("/identity/decide", pages.guard(post), methods=["POST"]),
    ]
