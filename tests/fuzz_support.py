"""The fuzz suite's shared pieces: text strategies, the outcome of one service call, counts.

Profiles (hypothesis): "default" in `make test` (a few dozen examples per entry point,
about a minute in all), "long" for a campaign: `pytest tests/test_fuzz_services.py
--hypothesis-profile=long` or `CLMS_FUZZ=long`. The examples run are counted and printed
at the end of the test run (tests/conftest.py).
"""

from __future__ import annotations

import os
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import ValidationError

COUNTS: Counter[str] = Counter()
ASHA = Actor("asha", "superintendent", "Asha Kumari")
TODAY = date(2026, 11, 23)

_common = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    "database": None,  # no example database left in the work tree
}
settings.register_profile("default", max_examples=25, **_common)
settings.register_profile("long", max_examples=1_000, **_common)
# `--hypothesis-profile=long` (the hypothesis plugin) loads its profile after this.
settings.load_profile(os.environ.get("CLMS_FUZZ", "default"))

# Characters a keyboard, a paste or a file can bring: letters of any script, marks,
# digits, spaces of every kind, punctuation, controls, emoji, and lone surrogates (a JSON
# file can hold "\ud800"; Python then has a str that is no valid Unicode).
ANY_CHAR = st.one_of(
    st.characters(codec="utf-8"),
    st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]),
    st.characters(categories=["Cs"]),
    st.sampled_from("अआकखगघ्ािीुूेैोौंः।०१२३ abcXYZ.'-"),
)
ANY_TEXT = st.text(ANY_CHAR, max_size=40) | st.text(ANY_CHAR, min_size=150, max_size=700)
NAME_TEXT = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ ाीकखग'.-"), max_size=30)
DATES = st.dates(min_value=date(1990, 1, 1), max_value=TODAY + timedelta(days=30))
DATE_TEXT = st.one_of(
    DATES.map(date.isoformat),
    DATES.map(lambda d: d.strftime("%d/%m/%Y")),
    st.from_regex(r"\A\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\Z"),
    ANY_TEXT,
    st.none(),
)
NUMBER_TEXT = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    ANY_TEXT,
    st.none(),
)


def name_stored(value: str | None) -> str | None:
    """A name as the services keep it: NFC, spaces collapsed, None if blank."""
    if value is None or not value.strip():
        return None
    return " ".join(unicodedata.normalize("NFC", value).split())


def text_stored(value: str | None) -> str | None:
    """Free text as the services keep it: trimmed, NFC, None if blank."""
    if value is None or not value.strip():
        return None
    return unicodedata.normalize("NFC", value.strip())


def table_counts(engine: Engine) -> dict[str, int]:
    """Rows of every table: a refused call must leave them all as they were."""
    with engine.connect() as c:
        names = [
            n
            for (n,) in c.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            )
        ]
        return {n: int(c.execute(text(f'SELECT count(*) FROM "{n}"')).scalar() or 0) for n in names}


def attempt(
    engine: Engine,
    fields: set[str],
    call: Callable[[Any], Any],
    check: Callable[[Any], None],
    *,
    actor: Actor = ASHA,
) -> str:
    """Run one service call in a unit of work: stored (then `check` reads it back in a new
    session), or refused with a ValidationError naming only `fields` and nothing written.
    Any other exception fails the test. Returns "stored" or "refused"."""
    before = table_counts(engine)
    key = None
    try:
        with unit_of_work(engine, actor, as_of=TODAY) as s:
            key = call(s)
    except ValidationError as exc:
        assert exc.errors, "a ValidationError must name a field"
        unknown = set(exc.errors) - fields
        assert not unknown, f"errors name fields the form does not have: {unknown}"
        assert all(isinstance(m, str) and m.strip() for m in exc.errors.values())
        assert table_counts(engine) == before, "a refused call wrote something"
        COUNTS["examples"] += 1
        COUNTS["refused"] += 1
        return "refused"
    with unit_of_work(engine, actor, as_of=TODAY) as s:
        check(s if key is None else (s, key))
    COUNTS["examples"] += 1
    COUNTS["stored"] += 1
    return "stored"
