"""The upload protocol over HTTP (stdlib ThreadingHTTPServer), tus-style and resumable.

    POST  /v1/enrol                 {"institution": {...}, "key": {public key file}}
    GET   /v1/key                   central's public key file (check the fingerprint!)
    POST  /v1/uploads               Upload-Length, Bundle-Id, Bundle-Sha256 -> Location
    HEAD  /v1/uploads/<id>          -> Upload-Offset, Upload-Length
    PATCH /v1/uploads/<id>          Upload-Offset, Upload-Checksum: sha256 <base64>, body
    POST  /v1/uploads/<id>/complete -> 200 signed receipt, or 422 {"code", "message"}
    GET   /v1/receipts/<bundle id>  the stored receipt of an applied bundle
    GET   /v1/release               the signed release manifest (404 when none is published)

A chunk is stored only when all of it arrived and its checksum matches, so a dropped
connection costs at most one chunk; the client asks for the offset and goes on.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import threading
import uuid as uuid_mod
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bundle_format.bundle import BundleError
from bundle_format.keys import SyncKeyError, parse_public
from central.models import Upload, UploadChunk
from central.releases import read_manifest
from central.service import EnrolError, Receiver

log = logging.getLogger(__name__)
MAX_BUNDLE = 512 * 1024 * 1024
MAX_CHUNK = 16 * 1024 * 1024
_UPLOAD = re.compile(r"^/v1/uploads/([0-9a-f-]{36})(/complete)?$")
_RECEIPT = re.compile(r"^/v1/receipts/([0-9a-f-]{36})$")


class CentralServer(ThreadingHTTPServer):
    """The HTTP server, holding the receiver and the upload lock."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        receiver: Receiver,
        *,
        enrol_token: str | None = None,
        release_manifest: Path | None = None,
    ) -> None:
        super().__init__(address, Handler)
        self.receiver = receiver
        self.enrol_token = enrol_token
        self.release_manifest = release_manifest
        self.upload_lock = threading.Lock()

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:8765."""
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


class Handler(BaseHTTPRequestHandler):
    """One request of the upload protocol."""

    server: CentralServer
    protocol_version = "HTTP/1.1"
    timeout = 60  # a stalled client must not hold a thread forever

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib name)
        log.debug("%s " + format, self.address_string(), *args)

    # -- helpers
    def _send(
        self,
        code: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        ctype: str = "application/json",
    ) -> None:
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Cache-Control", "no-store")
        if body or code not in (204,):
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def _error(
        self, code: int, err: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        self._send(code, json.dumps({"code": err, "message": message}).encode(), headers)

    def _body(self, limit: int) -> bytes | None:
        """The request body, or None if it is too large or was cut off."""
        try:
            n = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            return None
        if n < 0 or n > limit:
            return None
        data = self.rfile.read(n)
        return data if len(data) == n else None

    def _upload(self, s: Session, upload_id: str) -> Upload | None:
        return s.get(Upload, upload_id)

    # -- verbs
    def do_GET(self) -> None:  # noqa: N802 (stdlib name)
        """Central's public key, a stored receipt, or a health check."""
        if self.path == "/v1/key":
            body = json.dumps(self.server.receiver.keys.public().to_json()).encode()
            return self._send(200, body)
        if self.path == "/v1/health":
            return self._send(200, b'{"ok":true}')
        if self.path == "/v1/release":
            manifest = read_manifest(self.server.release_manifest)
            if manifest is None:
                return self._error(404, "no-release", "no release manifest has been published")
            return self._send(200, manifest)
        m = _RECEIPT.match(self.path)
        if m:
            receipt = self.server.receiver.receipt_for(m.group(1))
            if receipt is None:
                return self._error(404, "not-found", "no bundle with this id has been received")
            return self._send(200, receipt)
        return self._error(404, "not-found", "no such address")

    def do_HEAD(self) -> None:  # noqa: N802
        """The offset reached by an upload (tus HEAD)."""
        m = _UPLOAD.match(self.path)
        if not m or m.group(2):
            return self._send(404)
        with Session(self.server.receiver.engine) as s:
            up = self._upload(s, m.group(1))
            if up is None:
                return self._send(404)
            self._send(
                200, headers={"Upload-Offset": str(up.offset), "Upload-Length": str(up.length)}
            )

    def do_POST(self) -> None:  # noqa: N802
        """Enrolment, upload creation or upload completion."""
        if self.path == "/v1/enrol":
            return self._enrol()
        if self.path == "/v1/uploads":
            return self._create()
        m = _UPLOAD.match(self.path)
        if m and m.group(2):
            return self._complete(m.group(1))
        self._error(404, "not-found", "no such address")

    def do_PATCH(self) -> None:  # noqa: N802
        """Append one chunk at the current offset, if its checksum matches."""
        m = _UPLOAD.match(self.path)
        if not m or m.group(2):
            return self._error(404, "not-found", "no such address")
        try:
            offset = int(self.headers.get("Upload-Offset", ""))
            algo, _, digest = self.headers.get("Upload-Checksum", "").partition(" ")
            expected = base64.b64decode(digest, validate=True)
        except ValueError:
            return self._error(400, "bad-request", "Upload-Offset and Upload-Checksum needed")
        if algo != "sha256":
            return self._error(400, "bad-checksum-algorithm", "only sha256 checksums are used")
        body = self._body(MAX_CHUNK)
        if body is None:
            self.close_connection = True
            return self._error(400, "incomplete-chunk", "the chunk did not arrive in full")
        if hashlib.sha256(body).digest() != expected:
            return self._error(460, "checksum-mismatch", "the chunk was damaged on the way")
        with self.server.upload_lock, Session(self.server.receiver.engine) as s, s.begin():
            up = self._upload(s, m.group(1))
            if up is None:
                return self._error(404, "not-found", "no such upload")
            if offset != up.offset:
                return self._error(
                    409,
                    "offset-mismatch",
                    "the upload is at another offset",
                    {"Upload-Offset": str(up.offset)},
                )
            if up.offset + len(body) > up.length:
                return self._error(413, "too-long", "more bytes than the upload's length")
            s.add(UploadChunk(upload_id=up.upload_id, offset=up.offset, data=body))
            up.offset += len(body)
            new_offset = up.offset
        self._send(204, headers={"Upload-Offset": str(new_offset)})

    # -- actions
    def _enrol(self) -> None:
        token = self.server.enrol_token
        if token and self.headers.get("X-Enrol-Token") != token:
            return self._error(403, "enrol-token", "enrolment needs the state's enrolment code")
        body = self._body(64 * 1024)
        try:
            req = json.loads(body or b"")
            public = parse_public(req["key"])
            inst = req["institution"]
            uuid_mod.UUID(str(inst["uuid"]))
        except (ValueError, KeyError, TypeError, SyncKeyError) as exc:
            return self._error(400, "bad-enrolment", f"the enrolment request is not valid: {exc}")
        if public.role != "institution":
            return self._error(400, "bad-enrolment", "only institution keys are enrolled")
        try:
            new = self.server.receiver.enrol(institution=inst, public=public)
        except EnrolError as exc:
            return self._error(409, "key-conflict", str(exc))
        self._send(201 if new else 200, json.dumps({"enrolled": True, "new": new}).encode())

    def _create(self) -> None:
        try:
            length = int(self.headers.get("Upload-Length", ""))
            bundle_id = str(uuid_mod.UUID(self.headers.get("Bundle-Id", "")))
            sha = self.headers.get("Bundle-Sha256", "").lower()
            if not re.fullmatch(r"[0-9a-f]{64}", sha):
                raise ValueError("Bundle-Sha256")
        except ValueError:
            return self._error(400, "bad-request", "Upload-Length, Bundle-Id, Bundle-Sha256 needed")
        if not 0 < length <= MAX_BUNDLE:
            return self._error(413, "too-large", "the bundle is too large")
        self._body(0)
        with self.server.upload_lock, Session(self.server.receiver.engine) as s, s.begin():
            up = s.scalars(
                select(Upload).where(Upload.bundle_id == bundle_id, Upload.sha256 == sha)
            ).first()
            created = up is None
            if up is None:
                up = Upload(
                    upload_id=str(uuid_mod.uuid4()),
                    bundle_id=bundle_id,
                    sha256=sha,
                    length=length,
                    offset=0,
                )
                s.add(up)
            headers = {"Location": f"/v1/uploads/{up.upload_id}", "Upload-Offset": str(up.offset)}
        self._send(201 if created else 200, b"{}", headers)

    def _complete(self, upload_id: str) -> None:
        self._body(0)
        rcv = self.server.receiver
        with self.server.upload_lock, Session(rcv.engine) as s:
            up = self._upload(s, upload_id)
            if up is None:
                return self._error(404, "not-found", "no such upload")
            done = rcv.receipt_for(up.bundle_id)
            if done is not None and up.offset == up.length:
                # Answered before (the client lost the answer): same receipt again.
                return self._send(200, done)
            if up.offset != up.length:
                return self._error(
                    409,
                    "upload-incomplete",
                    "not all bytes have arrived",
                    {"Upload-Offset": str(up.offset)},
                )
            chunks = s.scalars(
                select(UploadChunk.data)
                .where(UploadChunk.upload_id == upload_id)
                .order_by(UploadChunk.offset)
            ).all()
            raw = b"".join(chunks)
            bundle_id, sha = up.bundle_id, up.sha256
        if hashlib.sha256(raw).hexdigest() != sha:
            return self._error(422, "checksum-mismatch", "the whole bundle's checksum is wrong")
        try:
            receipt = rcv.receive(raw)
        except BundleError as exc:
            log.info("bundle %s refused: %s", bundle_id, exc.code)
            return self._error(422, exc.code, exc.message)
        with self.server.upload_lock, Session(rcv.engine) as s, s.begin():
            s.execute(delete(UploadChunk).where(UploadChunk.upload_id == upload_id))
        log.info("bundle %s applied (%d bytes)", bundle_id, len(raw))
        self._send(200, receipt)


def serve_in_thread(
    receiver: Receiver,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    enrol_token: str | None = None,
    release_manifest: Path | None = None,
) -> tuple[CentralServer, threading.Thread]:
    """Start a server on a background thread (port 0: any free port); for tests and tools."""
    server = CentralServer(
        (host, port), receiver, enrol_token=enrol_token, release_manifest=release_manifest
    )
    t = threading.Thread(target=server.serve_forever, name="central-http", daemon=True)
    t.start()
    return server, t
