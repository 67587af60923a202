"""What the officials' pages ask for, each call in its own read (or audited) transaction,
always with the asking official's scope: routes call these and render; no SQL in routes.

A drill-down outside the official's area raises `OutOfArea` (the page answers 404 and
says it is not in their area); a child's record needs a role that allows it
(`NotAllowed`), and every view of one is logged at central before it is shown.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from central.models import Enrolment
from central.officials import Scope, log_event
from central.reports.area import Area, OutOfArea
from central.reports.catalogue import catalogue
from central.reports.counts import AreaReport, Unit, area_report
from central.reports.profile import ChildRecord, child_record, children_page
from central.reports.queue import QueueFilter, QueueRow, queue, queue_count, rules_in_queue
from central.reports.tables import Table, queue_table, report_tables
from central.schema import writer
from central.web.cache import ReportCache

log = logging.getLogger(__name__)
QUEUE_PAGE = 50
CHILDREN_PAGE = 100
EXPORT_MAX = 100_000  # rows of a queue download at most
REPORTS: ReportCache[AreaReport] = ReportCache()  # this worker's counted area reports
# A queue's count by filter, the rules in it and its pages: read again as soon as the
# area's data stamp moves (stale_limit 0: never one count behind), so twenty officials
# paging through the same queue count and read it once, not at every request.
QUEUE_COUNTS: ReportCache[int] = ReportCache(stale_limit=0.0, size=1024)
QUEUE_RULES: ReportCache[list[str]] = ReportCache(stale_limit=0.0)
QUEUE_ROWS: ReportCache[list[QueueRow]] = ReportCache(stale_limit=0.0, size=512)
_TABLES: OrderedDict[tuple[Any, ...], list[Table]] = OrderedDict()  # by report and language
_TABLES_LOCK = threading.Lock()


class NotAllowed(Exception):
    """The official's role does not allow this."""


def today() -> date:
    """Today's date (UTC) for the figures."""
    return datetime.now(UTC).date()


@dataclass(frozen=True)
class AreaPage:
    """An area's page: where it is, its report and its tables."""

    area: Area
    title: str
    crumbs: list[tuple[str, str]]  # (label, url) from the top of the official's area
    report: AreaReport
    counted_at: datetime
    tables: list[Table]
    children: list[dict[str, Any]]  # a CCI's page: one page of its children
    next_after: str | None  # the keyset of the next page of children


def _crumbs(scope: Scope, area: Area, cci_name: str | None) -> list[tuple[str, str]]:
    cat = catalogue()
    out: list[tuple[str, str]] = []
    if scope.is_state:
        out.append((cat.states.get(scope.state, f"State {scope.state}"), "/state"))
    if area.district is not None:
        out.append((cat.district_name(area.district), f"/district/{area.district}"))
    if area.institution is not None:
        out.append((cci_name or area.institution, f"/cci/{area.institution}"))
    return out


def area_page(
    engine: Engine,
    scope: Scope,
    *,
    district: int | None = None,
    institution: str | None = None,
    lang: str = "en",
    as_of: date | None = None,
    after: str | None = None,
    search: str | None = None,
) -> AreaPage:
    """The state's page, a district's, or a CCI's, inside the official's area."""
    when = as_of or today()
    cat = catalogue()
    with Session(engine) as s:
        area = scope.area
        if institution is not None:
            area = area.institution_area(s, institution)
        elif district is not None:
            area = area.district_area(district)
        elif not scope.is_state:
            raise OutOfArea("A district official's overview is their district's page.")
        counted = REPORTS.get(
            (str(engine.url), area, when), _stamp(s, area), lambda: _count(engine, area, when)
        )
        report = counted.value
        by_cci = area.district is not None

        def link(u: Unit) -> str | None:
            return f"/cci/{u.key}" if by_cci else f"/district/{u.key}"

        made = (area, id(report), counted.counted_at, lang)
        tables = _TABLES.get(made)
        if tables is None:  # the same counted report in the same language: the same tables
            tables = report_tables(
                report, lang=lang, cat=cat, link=link, silent_link=lambda u: f"/cci/{u.key}"
            )
            with _TABLES_LOCK:
                _TABLES[made] = tables
                while len(_TABLES) > 64:
                    _TABLES.popitem(last=False)
        kids: list[dict[str, Any]] = []
        nxt = None
        name = None
        if area.institution is not None:
            name = next((u.name for u in report.units), None)
            key = None
            if after and "|" in after:
                code, uuid = after.split("|", 1)
                key = (code, uuid)
            kids = children_page(s, area, after=key, limit=CHILDREN_PAGE + 1, search=search)
            if len(kids) > CHILDREN_PAGE:
                kids = kids[:CHILDREN_PAGE]
                nxt = f"{kids[-1]['code']}|{kids[-1]['record_uuid']}"
    crumbs = _crumbs(scope, area, name)
    return AreaPage(area, crumbs[-1][0], crumbs, report, counted.counted_at, tables, kids, nxt)


def warm_up(engine: Engine, *, when: date | None = None) -> threading.Thread:
    """Count each state's page in the background when a worker starts, so that the first
    state official after a restart does not wait seconds for a quarter of a million
    children to be counted (a request meanwhile waits for this count, not a second one)."""

    def work() -> None:
        day = when or today()
        try:
            with Session(engine) as s:
                states = list(s.scalars(select(Enrolment.state_code).distinct()))
            for state in states:
                if state is None:
                    continue
                area = Area(state)
                with Session(engine) as s:
                    stamp = _stamp(s, area)
                REPORTS.get((str(engine.url), area, day), stamp, partial(_count, engine, area, day))
        except Exception:  # a page counts it on demand instead
            log.exception("counting the state pages at start-up failed")

    thread = threading.Thread(target=work, name="clms-warm-up", daemon=True)
    thread.start()
    return thread


def _stamp(s: Session, area: Area) -> tuple[Any, ...]:
    """What changes when new data reaches the area: its last bundle's time, its CCIs."""
    enr = Enrolment.__table__
    row = s.execute(
        select(func.max(enr.c.last_received_at), func.count()).where(area.where(enr))
    ).one()
    return tuple(row)


def _count(engine: Engine, area: Area, when: date) -> AreaReport:
    with Session(engine) as s:
        return area_report(s, area, as_of=when)


@dataclass(frozen=True)
class QueuePage:
    """One page of a review queue with its filter, count and the rules to filter by."""

    filter: QueueFilter
    rows: list[QueueRow]
    total: int
    page: int
    pages: int
    rules: list[str]
    lang: str
    min_level: int
    as_of: date

    @property
    def table(self) -> Table:
        """The rows as a table (made only for a download: a page renders its rows)."""
        return queue_table(self.rows, as_of=self.as_of, lang=self.lang)


def queue_level(scope: Scope) -> int:
    """The level a queue starts at: state officials see flags escalated to the state,
    district officials those escalated to the district and above."""
    return 2 if scope.is_state else 1


def queue_page(
    engine: Engine,
    scope: Scope,
    flt: QueueFilter,
    *,
    page: int = 1,
    lang: str = "en",
    as_of: date | None = None,
    everything: bool = False,
) -> QueuePage:
    """The official's review queue (`everything`: every row, for a download)."""
    when = as_of or today()
    with Session(engine) as s:
        area = scope.area
        if flt.district is not None:
            area = area.district_area(flt.district)
        if flt.institution:
            area = area.institution_area(s, flt.institution)
        url = str(engine.url)
        stamp = _stamp(s, area)
        total = QUEUE_COUNTS.get(
            (url, area, flt, when),
            stamp,
            lambda: queue_count(s, area, flt, as_of=when),
        ).value
        pages = max(1, -(-total // QUEUE_PAGE))
        page = min(max(page, 1), pages)
        if everything:
            rows = queue(s, area, flt, as_of=when, offset=0, limit=EXPORT_MAX)
        else:  # a page of the queue is the same for every official of the area until
            # new data reaches it: read once per stamp (and its HTML made once, in pages)
            at = (page - 1) * QUEUE_PAGE
            rows = QUEUE_ROWS.get(
                (url, area, flt, at, when),
                stamp,
                lambda: queue(s, area, flt, as_of=when, offset=at, limit=QUEUE_PAGE),
            ).value
        rules = QUEUE_RULES.get(
            (url, scope.area, flt.min_level, when),
            stamp if area == scope.area else _stamp(s, scope.area),
            lambda: rules_in_queue(s, scope.area, min_level=flt.min_level),
        ).value
    return QueuePage(
        flt,
        rows,
        total,
        page,
        pages,
        rules,
        lang,
        flt.min_level,
        when,
    )


def child_page(engine: Engine, scope: Scope, child_uuid: str, *, client: str | None) -> ChildRecord:
    """A child's read-only record, if the role allows and the child is in the area; the
    view is logged (who, which child, from where) in the same transaction as the read."""
    if not scope.child_records:
        raise NotAllowed("Your role shows counts only, not children's records.")
    with Session(writer(engine)) as s, s.begin():
        record = child_record(s, scope.area, child_uuid)
        log_event(
            s,
            username=scope.username,
            action="viewed_child",
            subject=child_uuid,
            client=client,
            details={"institution": record.institution_uuid, "code": record.code},
        )
    return record


def log_download(
    engine: Engine, scope: Scope, *, what: str, fmt: str, rows: int, client: str | None
) -> None:
    """A download is logged (a queue holds children's names)."""
    with Session(writer(engine)) as s, s.begin():
        log_event(
            s,
            username=scope.username,
            action="downloaded",
            subject=what[:100],
            client=client,
            details={"format": fmt, "rows": rows},
        )
