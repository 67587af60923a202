"""Resumable upload of outbox bundles to central (tus-style), then acknowledgement.

create (POST /v1/uploads) -> ask the offset (HEAD) -> append chunks (PATCH, each with
its SHA-256) -> complete (POST .../complete) -> signed receipt. Every request is signed
with this install's key (`bundle_format.request_auth`). Any network failure is retried
with exponential backoff; after a drop the client asks the offset again and goes on from
there, so a 2G link that breaks every few seconds still gets through. Over https the
server's certificate is verified (against the state's own CA file when one is set).

Before sending, and after each failure, a quick HEAD to central's address (`probe`, a
short timeout) tells a dropped link from no internet at all: with no internet the
upload gives up within seconds (`Offline`) instead of retrying for minutes. A caller
may stop it at any time (`should_stop`, checked between requests and during waits).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bundle_format import bundle as bundles
from bundle_format.keys import OwnKeys
from bundle_format.request_auth import HEADER, sign_request
from desktop.models import OutboxBundle
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.install.institution import local_institution
from sync_client.exchange.outbox import Acknowledged, acknowledge, to_upload
from sync_client.exchange.settings import (  # (said here too, where they were)
    CA_SETTING as CA_SETTING,
)
from sync_client.exchange.settings import PROXY_SETTING as PROXY_SETTING
from sync_client.exchange.settings import URL_SETTING as URL_SETTING
from sync_client.exchange.settings import UploadSettings as UploadSettings
from sync_client.exchange.settings import save_settings as save_settings
from sync_client.exchange.settings import settings_from_db as settings_from_db
from sync_client.practice import refuse_practice

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]


class UploadFailed(Exception):
    """Central could not be reached (after all retries); the bundle stays in the outbox."""


class Offline(UploadFailed):
    """Central does not answer at all (no internet, or the address is wrong)."""


class UploadStopped(Exception):
    """The caller asked the upload to stop; what was sent is kept and resumes next time."""


class UploadRefused(Exception):
    """Central refused the bundle (a permanent answer, with its code and message)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{message} ({code})")
        self.code = code
        self.message = message

    @property
    def pending(self) -> bool:
        """True when the refusal is only that enrolment awaits the state's approval."""
        return self.code == "enrolment-pending"


def _http(settings: UploadSettings) -> requests.Session:
    http = requests.Session()
    if settings.proxy:
        http.proxies = {"http": settings.proxy, "https": settings.proxy}
    http.verify = settings.ca_file or True
    return http


def _answer(r: requests.Response) -> dict[str, Any]:
    try:
        body = r.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _tls_failed(exc: requests.exceptions.SSLError) -> UploadFailed:
    return UploadFailed(
        "the state server's certificate could not be verified: check the address, or set "
        f"the state's CA file (clms sync push --ca-file FILE) ({type(exc).__name__})"
    )


def probe(settings: UploadSettings, *, http: requests.Session | None = None) -> float:
    """Ask central's address for its headers (HEAD /) with a short timeout; the seconds
    the answer took. Any HTTP answer counts: central (or its proxy) is there. Raises
    `Offline` when nothing answers (no internet, wrong address, central down), and
    UploadFailed when the server's certificate cannot be verified."""
    http = http or _http(settings)
    started = time.monotonic()
    try:
        http.head(
            settings.url + "/",
            timeout=(settings.probe_timeout, settings.probe_timeout),
            allow_redirects=False,
            verify=settings.ca_file or True,
        )
    except requests.exceptions.SSLError as exc:
        raise _tls_failed(exc) from exc
    except requests.RequestException as exc:
        raise Offline(
            f"central at {settings.url} cannot be reached: no internet connection, or the "
            f"address is wrong ({type(exc).__name__}). Nothing was sent; the changes wait."
        ) from exc
    return time.monotonic() - started


class Uploader:
    """Uploads bundle bytes to one central, resuming after any failure; every request is
    signed with `signer` (this install's key, or the district office's)."""

    def __init__(
        self,
        settings: UploadSettings,
        *,
        signer: OwnKeys,
        sleep: Callable[[float], None] = time.sleep,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        self.settings = settings
        self.signer = signer
        self.sleep = sleep
        self.stoppable = should_stop is not None
        self.should_stop = should_stop or (lambda: False)
        self.http = _http(settings)
        self.timeout = (settings.connect_timeout, settings.read_timeout)

    def _check_stop(self) -> None:
        if self.should_stop():
            raise UploadStopped("sending was stopped; it goes on from there next time")

    def _wait(self, seconds: float) -> None:
        """Wait before a retry (in short steps when it may be stopped, to obey at once)."""
        if not self.stoppable:
            self.sleep(seconds)
            return
        left = seconds
        while left > 0:
            self._check_stop()
            step = min(left, 0.2)
            self.sleep(step)
            left -= step
        self._check_stop()

    def _url(self, path: str) -> str:
        return path if path.startswith("http") else self.settings.url + path

    def _send(
        self, method: str, path: str, *, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> requests.Response:
        """One signed request."""
        url = self._url(path)
        hdrs = dict(headers or {})
        hdrs[HEADER] = sign_request(
            self.signer, method=method, path=urlsplit(url).path, body=body, headers=hdrs
        )
        return self.http.request(
            method,
            url,
            data=body or None,
            headers=hdrs,
            timeout=self.timeout,
            verify=self.settings.ca_file or True,  # given per request: the environment's
        )  # REQUESTS_CA_BUNDLE would otherwise win over the session's setting

    def _create(self, raw: bytes, bundle_id: str) -> str:
        r = self._send(
            "POST",
            "/v1/uploads",
            headers={
                "Upload-Length": str(len(raw)),
                "Bundle-Id": bundle_id,
                "Bundle-Sha256": hashlib.sha256(raw).hexdigest(),
            },
        )
        if r.status_code not in (200, 201):
            self._refuse_or_retry(r)
        return str(r.headers["Location"])  # kept as given (a path): valid after a URL change

    def _refuse_or_retry(self, r: requests.Response) -> None:
        """A 4xx with a code is a refusal unless central says retry; else retry."""
        body = _answer(r)
        code = str(body.get("code", r.status_code))
        if body.get("retry") is False and 400 <= r.status_code < 500 and r.status_code != 404:
            raise UploadRefused(code, str(body.get("message", "central refused the upload")))
        if (
            "retry" not in body
            and 400 <= r.status_code < 500
            and r.status_code
            not in (
                404,
                408,
                409,
                429,
                460,
            )
        ):
            raise UploadRefused(code, str(body.get("message", "central refused the upload")))
        raise requests.ConnectionError(f"HTTP {r.status_code}: {body.get('code', '')}")

    def upload(
        self,
        raw: bytes,
        *,
        location: str | None = None,
        on_location: Callable[[str], None] | None = None,
        progress: Progress | None = None,
    ) -> bytes:
        """Send the bundle and return central's (not yet verified) signed receipt."""
        bundle_id = bundles.parse_bundle(raw).bundle_id
        total = len(raw)
        failures = 0
        unanswered = 0  # probes in a row that found nobody there
        offset = -1
        while True:
            self._check_stop()
            try:
                if location is None:
                    location = self._create(raw, bundle_id)
                    if on_location:
                        on_location(location)
                h = self._send("HEAD", location)
                if h.status_code == 404:
                    location = None  # central lost the upload (or it expired): start over
                    continue
                if h.status_code != 200:
                    self._refuse_or_retry(h)
                offset = int(h.headers["Upload-Offset"])
                while offset < total:
                    self._check_stop()
                    chunk = raw[offset : offset + self.settings.chunk_size]
                    digest = base64.b64encode(hashlib.sha256(chunk).digest()).decode()
                    headers = {
                        "Upload-Offset": str(offset),
                        "Upload-Checksum": f"sha256 {digest}",
                        "Content-Type": "application/offset+octet-stream",
                    }
                    r = self._send("PATCH", location, body=chunk, headers=headers)
                    if r.status_code == 204:
                        offset = int(r.headers["Upload-Offset"])
                        failures = 0
                    elif r.status_code == 409 and "Upload-Offset" in r.headers:
                        offset = int(r.headers["Upload-Offset"])
                    else:
                        self._refuse_or_retry(r)
                    if progress:
                        progress(offset, total, "Sending")
                c = self._send("POST", location + "/complete")
                if c.status_code == 200:
                    return c.content
                if c.status_code == 422:
                    body = _answer(c)
                    raise UploadRefused(str(body.get("code")), str(body.get("message")))
                if c.status_code == 404:
                    location = None  # refused and deleted earlier, or expired: start over
                self._refuse_or_retry(c)
            except requests.exceptions.SSLError as exc:
                raise _tls_failed(exc) from exc
            except (requests.RequestException, ValueError, KeyError) as exc:
                failures += 1
                if failures > self.settings.retries:
                    raise UploadFailed(
                        f"could not reach central after {failures} tries; the bundle stays in "
                        f"the outbox and will be sent next time ({type(exc).__name__})"
                    ) from exc
                try:  # a dropped link, or no internet any more?
                    probe(self.settings, http=self.http)
                    unanswered = 0
                except Offline:
                    unanswered += 1
                    if unanswered >= self.settings.offline_after:
                        raise
                wait = min(self.settings.max_backoff, self.settings.backoff * 2 ** (failures - 1))
                log.info(
                    "upload interrupted at %s/%s bytes; retrying in %.1fs", offset, total, wait
                )
                self._wait(wait)


@dataclass(frozen=True)
class EnrolStatus:
    """Central's answer to an enrolment request."""

    status: str  # "enrolled" or "pending" (waiting for a person at the state office)
    fingerprint: str

    @property
    def enrolled(self) -> bool:
        """True once central accepts this install's bundles."""
        return self.status == "enrolled"


def enrol(
    settings: UploadSettings,
    *,
    institution: dict[str, Any],
    signer: OwnKeys,
    code: str | None = None,
) -> EnrolStatus:
    """Ask central to enrol this institution's key (signed with that key). Without a
    one-time code the answer is "pending" until the state office approves; asking again
    later tells whether it has."""
    public = signer.public()
    body = json.dumps(
        {"institution": institution, "key": public.to_json(), **({"code": code} if code else {})}
    ).encode("utf-8")
    url = settings.url + "/v1/enrol"
    headers = {"Content-Type": "application/json"}
    headers[HEADER] = sign_request(signer, method="POST", path=urlsplit(url).path, body=body)
    try:
        r = _http(settings).post(
            url,
            verify=settings.ca_file or True,
            data=body,
            headers=headers,
            timeout=(settings.connect_timeout, settings.read_timeout),
        )
    except requests.exceptions.SSLError as exc:
        raise _tls_failed(exc) from exc
    except requests.RequestException as exc:
        raise UploadFailed(f"could not reach central ({type(exc).__name__})") from exc
    answer = _answer(r)
    if r.status_code in (200, 201, 202) and answer.get("status") in ("enrolled", "pending"):
        return EnrolStatus(str(answer["status"]), public.fingerprint)
    raise UploadRefused(
        str(answer.get("code", r.status_code)),
        str(answer.get("message", "central refused the enrolment")),
    )


def institution_info(session: Session) -> dict[str, Any]:
    """This install's institution as named in bundles and enrolment."""
    inst = local_institution(session)
    return {
        "uuid": str(inst.uuid),
        "name": inst.name,
        "state_code": inst.state_code,
        "district_code": inst.district_code,
    }


@dataclass(frozen=True)
class PushResult:
    """One bundle sent: its sequence number and what the verified receipt acknowledged."""

    seq: int
    ack: Acknowledged


def push(
    engine: Engine,
    *,
    actor: Actor,
    settings: UploadSettings,
    signer: OwnKeys,
    progress: Progress | None = None,
    sleep: Callable[[float], None] = time.sleep,
    should_stop: Callable[[], bool] | None = None,
) -> list[PushResult]:
    """Upload every outbox bundle in order; acknowledge each from its verified receipt.

    Asks central first (`probe`): with no answer it raises `Offline` within seconds.
    Stops at the first refusal (UploadRefused; `.pending` when the enrolment still waits
    for approval), when central stays unreachable (UploadFailed), or when `should_stop()`
    says so (UploadStopped); bundles already acknowledged stay acknowledged. A practice
    folder is refused (NotAllowed).
    """
    up = Uploader(settings, signer=signer, sleep=sleep, should_stop=should_stop)
    with unit_of_work(engine, actor, rules=False) as s:
        refuse_practice(s)
        todo = [(b.id, b.seq, b.data, b.upload_url) for b in to_upload(s)]
    if todo:
        probe(settings, http=up.http)
    results = []
    for n, (row_id, seq, raw, loc) in enumerate(todo, 1):

        def remember(url: str, row_id: int = row_id) -> None:
            with unit_of_work(engine, actor, rules=False) as s2:
                s2.execute(
                    select(OutboxBundle).where(OutboxBundle.id == row_id)
                ).scalar_one().upload_url = url

        def step(done: int, total: int, _text: str, n: int = n) -> None:
            if progress:
                progress(done, total, f"Sending bundle {n} of {len(todo)}")

        receipt = up.upload(raw, location=loc, on_location=remember, progress=step)
        with unit_of_work(engine, actor, rules=False) as s:
            results.append(PushResult(seq, acknowledge(s, receipt=receipt)))
    return results
