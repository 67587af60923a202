"""The officials' pages (read only), beside the upload API:

    GET  /                      to the official's own page (or the login)
    GET  /login  POST /login    name and password (CSRF token tied to a cookie)
    POST /logout                (CSRF token of the session)
    GET  /lang?to=hi&next=/...  English or Hindi (remembered in a cookie)
    GET  /state                 a state official's state: its districts
    GET  /district/<code>       a district: its CCIs
    GET  /cci/<uuid>            a CCI: its figures and its children
    GET  /queue                 the review queue (state: flags at state level; district:
                                at district level and above), filterable
    GET  /child/<uuid>          a child's read-only record (roles that allow it; logged)
    GET  /identity              the same child in two homes; absconded children found
                                again (POST /identity/decide: confirm or dismiss a pair;
                                see central.web.identity)

Any page with tables takes `?download=<table>&format=xlsx|csv` (`download=all`: every
table in one workbook): the file holds the page's own tables. A route reads the request,
calls `central.web.service` with the official's scope in a worker thread, and renders.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote

from markupsafe import Markup
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from central.officials import (
    LiveSession,
    LoginRefused,
    authenticate,
    end_session,
    form_secret,
    log_event,
    session_for,
    start_session,
)
from central.reports.area import OutOfArea
from central.reports.catalogue import catalogue
from central.reports.queue import QueueFilter
from central.reports.tables import Table, to_csv, to_xlsx
from central.schema import writer
from central.web import service
from central.web.identity import routes_of as identity_routes
from central.web.render import HERE, SECURITY_HEADERS, Words, fragment, page

SESSION_COOKIE = "clms_session"
LOGIN_COOKIE = "clms_login"
LANG_COOKIE = "clms_lang"
MAX_FORM = 8 * 1024
FIGURES_KEPT = 256
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Handler = Callable[[Request, LiveSession], Awaitable[Response]]


@dataclass(frozen=True)
class WebOptions:
    """How the pages are served: `secure_cookies` False only for a trial over plain HTTP
    on one computer (the cookies would otherwise never come back)."""

    secure_cookies: bool = True


async def read_form(request: Request) -> dict[str, str]:
    """A small urlencoded form (refused past MAX_FORM bytes)."""
    body = b""
    async for piece in request.stream():
        body += piece
        if len(body) > MAX_FORM:
            return {}
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        return {}
    return {k: v[0] for k, v in parsed.items()}


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


def _safe_next(value: str | None) -> str:
    """Only a path on this server (never //elsewhere or a full address)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


class Pages:
    """The page routes over central's database."""

    def __init__(self, engine: Engine, options: WebOptions | None = None) -> None:
        self.engine = engine
        self.options = options or WebOptions()
        with Session(engine) as s:
            self.secret = form_secret(s)
        # An area page's tables and a queue page's rows as HTML, by what they show, with
        # the counted report or the stored rows they were made from: rendering a state's
        # tables costs more than everything else a page does.
        self._figures: OrderedDict[tuple[Any, ...], tuple[Any, Markup]] = OrderedDict()
        self._figures_lock = threading.Lock()

    def routes(self) -> list[BaseRoute]:
        """The routes, to mount at the root beside /v1."""
        return [
            Route("/", self.home, methods=["GET"]),
            Route("/login", self.login_form, methods=["GET"]),
            Route("/login", self.login, methods=["POST"]),
            Route("/logout", self.logout, methods=["POST"]),
            Route("/lang", self.language, methods=["GET"]),
            Route("/state", self.guard(self.state), methods=["GET"]),
            Route("/district/{code:int}", self.guard(self.district), methods=["GET"]),
            Route("/cci/{uuid}", self.guard(self.cci), methods=["GET"]),
            Route("/queue", self.guard(self.queue), methods=["GET"]),
            Route("/child/{uuid}", self.guard(self.child), methods=["GET"]),
            *identity_routes(self, read_form, _client),
            Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
        ]

    # -- helpers ------------------------------------------------------------------------

    @staticmethod
    def lang(request: Request) -> str:
        """The reader's language (cookie), English by default."""
        return "hi" if request.cookies.get(LANG_COOKIE) == "hi" else "en"

    def _cookie(
        self,
        response: Response,
        name: str,
        value: str,
        *,
        max_age: int | None = None,
        path: str = "/",
    ) -> None:
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            path=path,
            secure=self.options.secure_cookies,
            httponly=True,
            samesite="strict" if name == LOGIN_COOKIE else "lax",
        )

    def guard(self, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        """A page that needs a live session: the login page otherwise."""

        async def endpoint(request: Request) -> Response:
            token = request.cookies.get(SESSION_COOKIE)
            live = await run_in_threadpool(self._live, token)
            if live is None:
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(
                    f"/login?next={quote(target)}", status_code=303, headers=SECURITY_HEADERS
                )
            try:
                return await handler(request, live)
            except OutOfArea as exc:
                return self._error(request, live, 404, "Not in your area", str(exc))
            except service.NotAllowed as exc:
                return self._error(request, live, 403, "Not allowed", str(exc))

        return endpoint

    def _keep(self, key: tuple[Any, ...], value: tuple[Any, Markup]) -> None:
        """Keep a rendered part of a page with what it was rendered from (compared by
        identity when it is taken, so it is never another area's or an older count's)."""
        with self._figures_lock:
            self._figures[key] = value
            while len(self._figures) > FIGURES_KEPT:
                self._figures.popitem(last=False)

    def _live(self, token: str | None) -> LiveSession | None:
        # Read first: a page view writes (the last-use time, an expired session's end) at
        # most once a minute, and twenty officials must not queue for SQLite's write lock.
        with Session(self.engine) as s:
            live = session_for(s, token)
            if not (s.dirty or s.deleted):
                return live
            s.rollback()
        with Session(writer(self.engine)) as s, s.begin():
            return session_for(s, token)

    def _error(
        self, request: Request, live: LiveSession | None, status: int, title: str, why: str
    ) -> Response:
        return page(
            "error.html",
            lang=self.lang(request),
            status=status,
            title=title,
            why=why,
            live=live,
            cat=catalogue(),
            path=request.url.path,
        )

    def _render(self, request: Request, live: LiveSession, template: str, **ctx: Any) -> Response:
        return page(
            template,
            lang=self.lang(request),
            live=live,
            scope=live.scope,
            cat=catalogue(),
            path=request.url.path,
            qs=request.url.query,
            **ctx,
        )

    async def _download(
        self, request: Request, live: LiveSession, tables: list[Table], name: str
    ) -> Response | None:
        """The file asked for with ?download=...&format=..., or None (show the page)."""
        what = request.query_params.get("download")
        if not what:
            return None
        fmt = request.query_params.get("format", "xlsx")
        chosen = tables if what == "all" else [t for t in tables if t.key == what]
        if not chosen or fmt not in ("xlsx", "csv") or (fmt == "csv" and len(chosen) != 1):
            return self._error(request, live, 404, "No such table", "There is no such table.")
        words = Words(self.lang(request))
        await run_in_threadpool(
            service.log_download,
            self.engine,
            live.scope,
            what=f"{request.url.path} {what}",
            fmt=fmt,
            rows=sum(len(t.rows) for t in chosen),
            client=_client(request),
        )
        stem = f"{name}-{what}".replace(" ", "-")
        if fmt == "csv":
            body, kind = to_csv(chosen[0], tr=words), "text/csv; charset=utf-8"
        else:
            body, kind = (
                await run_in_threadpool(lambda: to_xlsx(chosen, tr=words, heading=name)),
                XLSX,
            )
        headers = {
            **SECURITY_HEADERS,
            "Content-Disposition": f'attachment; filename="{quote(stem)}.{fmt}"',
        }
        return Response(body, media_type=kind, headers=headers)

    # -- login ----------------------------------------------------------------------------

    def _login_token(self, nonce: str) -> str:
        return hmac.new(self.secret, nonce.encode(), hashlib.sha256).hexdigest()

    async def home(self, request: Request) -> Response:
        """The official's own page, or the login."""
        live = await run_in_threadpool(self._live, request.cookies.get(SESSION_COOKIE))
        if live is None:
            return RedirectResponse("/login", status_code=303, headers=SECURITY_HEADERS)
        return RedirectResponse(self._home_of(live), status_code=303, headers=SECURITY_HEADERS)

    @staticmethod
    def _home_of(live: LiveSession) -> str:
        return "/state" if live.scope.is_state else f"/district/{live.scope.district}"

    async def login_form(
        self, request: Request, *, problem: str = "", status: int = 200
    ) -> Response:
        """The login form, with a fresh CSRF token bound to a cookie."""
        nonce = secrets.token_urlsafe(24)
        response = page(
            "login.html",
            lang=self.lang(request),
            status=status,
            live=None,
            problem=problem,
            csrf=self._login_token(nonce),
            next=_safe_next(request.query_params.get("next")),
            path="/login",
            secure=request.url.scheme == "https" or not self.options.secure_cookies,
        )
        self._cookie(response, LOGIN_COOKIE, nonce, max_age=3600, path="/login")
        return response

    async def login(self, request: Request) -> Response:
        """Check the CSRF token, then the name and password; start a session."""
        form = await read_form(request)
        nonce = request.cookies.get(LOGIN_COOKIE, "")
        sent = form.get("csrf", "")
        words = Words(self.lang(request))
        if not nonce or not hmac.compare_digest(sent, self._login_token(nonce)):
            return await self.login_form(
                request, problem=words("The form had expired. Please log in again."), status=400
            )

        def check() -> tuple[str, str, LiveSession] | LoginRefused:
            with Session(writer(self.engine)) as s, s.begin():
                try:
                    o = authenticate(
                        s,
                        username=form.get("username", ""),
                        password=form.get("password", ""),
                        client=_client(request),
                    )
                except LoginRefused as exc:
                    return exc
                token, csrf = start_session(s, o)
                live = session_for(s, token)
                assert live is not None
                return token, csrf, live

        got = await run_in_threadpool(check)
        if isinstance(got, LoginRefused):
            return await self.login_form(request, problem=words(got.key, **got.places), status=401)
        token, _csrf, live = got
        target = _safe_next(form.get("next"))
        response = RedirectResponse(
            target if target != "/" else self._home_of(live),
            status_code=303,
            headers=SECURITY_HEADERS,
        )
        self._cookie(response, SESSION_COOKIE, token)
        response.delete_cookie(LOGIN_COOKIE, path="/login")
        return response

    async def logout(self, request: Request) -> Response:
        """End the session (the form carries the session's CSRF token)."""
        token = request.cookies.get(SESSION_COOKIE)
        form = await read_form(request)
        live = await run_in_threadpool(self._live, token)
        if live is not None and hmac.compare_digest(form.get("csrf", ""), live.csrf):

            def out() -> None:
                with Session(writer(self.engine)) as s, s.begin():
                    end_session(s, token)
                    log_event(
                        s, username=live.scope.username, action="logout", client=_client(request)
                    )

            await run_in_threadpool(out)
        elif live is not None:
            return self._error(
                request, live, 400, "Not logged out", "the form had expired; try again"
            )
        response = RedirectResponse("/login", status_code=303, headers=SECURITY_HEADERS)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    async def language(self, request: Request) -> Response:
        """Switch between English and Hindi and go back to the page."""
        to = "hi" if request.query_params.get("to") == "hi" else "en"
        response = RedirectResponse(
            _safe_next(request.query_params.get("next")), status_code=303, headers=SECURITY_HEADERS
        )
        self._cookie(response, LANG_COOKIE, to, max_age=365 * 86400)
        return response

    # -- pages ----------------------------------------------------------------------------

    async def _area(self, request: Request, live: LiveSession, **where: Any) -> Response:
        q = request.query_params
        got = await run_in_threadpool(
            lambda: service.area_page(
                self.engine,
                live.scope,
                lang=self.lang(request),
                after=q.get("after"),
                search=(q.get("search") or "").strip()[:40] or None,
                **where,
            )
        )
        file = await self._download(request, live, got.tables, got.title)
        if file is not None:
            return file
        lang, qs = self.lang(request), request.url.query
        made = (got.area, id(got.report), got.counted_at, lang, qs)  # (area: never another's)
        kept = self._figures.get(made)
        if isinstance(kept, tuple) and kept[0] is got.report:  # the same counted report
            figures = kept[1]
        else:
            figures = fragment("figures.html", lang=lang, tables=got.tables, qs=qs)
            self._keep(made, (got.report, figures))
        return self._render(
            request, live, "area.html", p=got, figures=figures, search=q.get("search") or ""
        )

    async def state(self, request: Request, live: LiveSession) -> Response:
        """The state's page: its districts."""
        if not live.scope.is_state:
            raise OutOfArea("The state's page is for state officials.")
        return await self._area(request, live)

    async def district(self, request: Request, live: LiveSession) -> Response:
        """A district's page: its CCIs."""
        return await self._area(request, live, district=int(request.path_params["code"]))

    async def cci(self, request: Request, live: LiveSession) -> Response:
        """A CCI's page: its figures and children."""
        return await self._area(request, live, institution=str(request.path_params["uuid"])[:36])

    async def queue(self, request: Request, live: LiveSession) -> Response:
        """The review queue with its filters."""
        q = request.query_params

        def num(name: str) -> int | None:
            v = q.get(name, "")
            return int(v) if v.isdigit() else None

        level = num("level")
        flt = QueueFilter(
            min_level=service.queue_level(live.scope),
            level=level if level is not None and level >= service.queue_level(live.scope) else None,
            rule_id=q.get("rule") or None,
            severity=q.get("severity") or None,
            overdue_only=q.get("overdue") == "1",
            district=num("district"),
            institution=(q.get("cci") or None),
        )
        everything = bool(q.get("download"))
        got = await run_in_threadpool(
            lambda: service.queue_page(
                self.engine,
                live.scope,
                flt,
                page=num("page") or 1,
                lang=self.lang(request),
                everything=everything,
            )
        )
        file = await self._download(request, live, [got.table], "review-queue")
        if file is not None:
            return file
        lang, scope = self.lang(request), live.scope
        made = (id(got.rows), got.as_of, lang, scope.is_state, scope.child_records)
        kept = self._figures.get(made)
        if isinstance(kept, tuple) and kept[0] is got.rows:  # the same stored page of rows
            rows_html = kept[1]
        else:
            rows_html = fragment(
                "queue_rows.html", lang=lang, p=got, today=got.as_of, scope=scope, cat=catalogue()
            )
            self._keep(made, (got.rows, rows_html))
        return self._render(
            request, live, "queue.html", p=got, f=flt, today=got.as_of, rows_html=rows_html
        )

    async def child(self, request: Request, live: LiveSession) -> Response:
        """A child's read-only record (logged)."""
        uuid = str(request.path_params["uuid"])[:64]
        record = await run_in_threadpool(
            lambda: service.child_page(self.engine, live.scope, uuid, client=_client(request))
        )
        return self._render(request, live, "child.html", c=record)
