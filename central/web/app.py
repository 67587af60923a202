"""Building central's web application: the upload API under /v1 and the read-only pages
for district and state officials beside it (`central.web.pages`); JSON errors under /v1,
plain pages elsewhere, never a traceback.

`create_app(receiver)` for a receiver made by the caller (tests, tools);
`app_from_env()` is the factory each uvicorn worker process calls
(`python -m central serve` sets the environment it reads).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, fields
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount

from bundle_format.keys import load_private_file
from central.releases import MANIFEST_NAME
from central.schema import open_engine
from central.secrets import load_aadhaar_secret
from central.service import Receiver
from central.uploads import Limits
from central.web.api import Api, ApiError, error_response
from central.web.clts_pages import CltsPages
from central.web.cpmis_pages import CpmisPages
from central.web.pages import Pages, WebOptions
from central.web.release import release_route
from central.web.render import page
from central.web.service import warm_up

log = logging.getLogger(__name__)
ENV_DB = "CLMS_CENTRAL_DB"
ENV_KEYS = "CLMS_CENTRAL_KEYS"
ENV_LIMITS = "CLMS_CENTRAL_LIMITS"
ENV_PASSPHRASE = "CLMS_CENTRAL_PASSPHRASE"
ENV_INSECURE_COOKIES = "CLMS_CENTRAL_INSECURE_COOKIES"  # a trial over plain HTTP only
ENV_RELEASE = "CLMS_CENTRAL_RELEASE"  # the signed release manifest (default KEYDIR/release.json)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if not request.url.path.startswith("/v1"):
        return page(
            "error.html",
            lang="hi" if request.cookies.get("clms_lang") == "hi" else "en",
            status=exc.status_code,
            title="Not found" if exc.status_code == 404 else "Not possible",
            why="There is no such page.",
            live=None,
            path=request.url.path,
        )
    code = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "bad-request")
    return error_response(ApiError(exc.status_code, code, str(exc.detail)))


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.error("internal error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    if not request.url.path.startswith("/v1"):
        return page(
            "error.html",
            lang="en",
            status=500,
            title="Not possible",
            why="Central could not show this page. Please try again later.",
            live=None,
            path=request.url.path,
        )
    return error_response(
        ApiError(500, "internal-error", "central could not answer this request", retry=True)
    )


def create_app(
    receiver: Receiver,
    limits: Limits | None = None,
    web: WebOptions | None = None,
    *,
    release_manifest: Path | None = None,
) -> Starlette:
    """The ASGI application over one receiver: the API (with the release manifest to serve,
    if any) and the officials' pages."""
    api = Api(receiver, limits or Limits())
    pages = Pages(receiver.engine, web)
    return Starlette(
        routes=[
            Mount("/v1", routes=[*api.routes(), release_route(release_manifest)]),
            *pages.routes(),
            *CltsPages(pages).routes(),
            *CpmisPages(pages).routes(),
        ],
        exception_handlers={HTTPException: _http_error, Exception: _internal_error},
    )


def limits_to_env(limits: Limits) -> str:
    """The limits as the environment value worker processes read."""
    return json.dumps(asdict(limits))


def limits_from_env() -> Limits:
    """The limits from the environment (defaults for anything not given)."""
    raw = os.environ.get(ENV_LIMITS)
    if not raw:
        return Limits()
    given = json.loads(raw)
    names = {f.name for f in fields(Limits)}
    return Limits(**{k: v for k, v in given.items() if k in names})


def app_from_env() -> Starlette:
    """The application of one worker process, from $CLMS_CENTRAL_DB and $CLMS_CENTRAL_KEYS."""
    keys_dir = Path(os.environ.get(ENV_KEYS, "."))
    keys = load_private_file(
        keys_dir / "central.key", passphrase=os.environ.get(ENV_PASSPHRASE) or None
    )
    engine = open_engine(os.environ.get(ENV_DB, "sqlite:///central.sqlite"))
    secret = load_aadhaar_secret(keys_dir)
    web = WebOptions(secure_cookies=not os.environ.get(ENV_INSECURE_COOKIES))
    release = os.environ.get(ENV_RELEASE)
    warm_up(engine)  # each state's page counted before its first official asks
    return create_app(
        Receiver(engine, keys, aadhaar_secret=secret),
        limits_from_env(),
        web,
        release_manifest=Path(release) if release else keys_dir / MANIFEST_NAME,
    )
