"""GET /v1/release: the signed release manifest, as `python -m central release sign` wrote it.

No request signature is needed: the manifest is public and carries its own signature (by
central's key, checked by every install). Read from disk on each request, so a new release
is served without a restart; 404 while none has been published.
"""

from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from central.releases import read_manifest
from central.web.api import ApiError, error_response


def release_route(path: Path | None) -> Route:
    """The route serving the manifest at `path` (None: no release is ever served)."""

    async def release(_request: Request) -> Response:
        data = await run_in_threadpool(read_manifest, path)
        if data is None:
            return error_response(
                ApiError(404, "no-release", "no release manifest has been published")
            )
        return Response(data, media_type="application/json", headers={"Cache-Control": "no-store"})

    return Route("/release", release, methods=["GET"])
