"""Rendering the officials' pages: Jinja2 templates (autoescaped), English or Hindi words
from central's own small catalogue (`i18n/hi.toml`), numbers and dates, and the headers
every page carries (no caching of children's data, no framing, only our own assets).
"""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.responses import HTMLResponse, Response

HERE = Path(__file__).resolve().parent
LANGS = ("en", "hi")
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    # Every asset is served by central itself; no script at all, no inline style.
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
}


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Central's page words: `i18n/hi.toml` (English source text -> Hindi) and `en.toml`
    (stored codes such as roles and relations -> English words)."""
    path = HERE / "i18n" / f"{lang}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


class Words:
    """The page words in one language: `t("Children in care")`, with `{name}` places."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGS else "en"
        self.en = catalogue("en")
        self.table = catalogue("hi") if self.lang == "hi" else {}

    def __call__(self, text: str, **places: Any) -> str:
        if not text:
            return text
        out = self.table.get(text) or self.en.get(text) or text
        return out.format(**places) if places else out


def number(value: Any) -> str:
    """A count with Indian digit grouping (12,34,567)."""
    if not isinstance(value, int) or isinstance(value, bool):
        return "" if value is None else str(value)
    sign, digits = ("-", str(-value)) if value < 0 else ("", str(value))
    if len(digits) <= 3:
        return sign + digits
    head, tail = digits[:-3], digits[-3:]
    groups: list[str] = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    return sign + ",".join(groups) + "," + tail


def day(value: Any) -> str:
    """A date the way Indian forms write it (23-11-2026)."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return f"{value[8:10]}-{value[5:7]}-{value[0:4]}"
    return "" if value is None else str(value)


def query(current: str, **changes: Any) -> str:
    """The page's query string with some parameters changed (None: dropped), as "?...".

    For links that keep the filters: the next page, a download of the same rows.
    """
    params = {k: v[-1] for k, v in parse_qs(current, keep_blank_values=False).items()}
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = str(v)
    return "?" + urlencode(params) if params else "?"


IST = timezone(timedelta(hours=5, minutes=30), "IST")  # India keeps one time, all year


def ist(value: Any) -> str:
    """A moment in Indian Standard Time, hours and minutes."""
    if not isinstance(value, datetime):
        return ""
    when: datetime = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return when.astimezone(IST).strftime("%H:%M")


@cache
def environment() -> Environment:
    """The templates (autoescaped: names from the field never become markup)."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = number
    env.filters["day"] = day
    env.filters["ist"] = ist
    env.globals["with_query"] = query
    env.tests["date"] = lambda v: isinstance(v, date)
    return env


def page(
    template: str,
    *,
    lang: str,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **ctx: Any,
) -> Response:
    """A page rendered in the language, with the security headers."""
    words = Words(lang)
    html = environment().get_template(template).render(t=words, lang=words.lang, **ctx)
    return HTMLResponse(html, status_code=status, headers={**SECURITY_HEADERS, **(headers or {})})


def fragment(template: str, *, lang: str, **ctx: Any) -> Markup:
    """A part of a page rendered on its own (to be stored and put into pages as it is)."""
    words = Words(lang)
    return Markup(environment().get_template(template).render(t=words, lang=words.lang, **ctx))
