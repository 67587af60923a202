"""The upload API (mounted under /v1), tus-style and resumable, every request signed.

    GET   /v1/health                 no signature
    GET   /v1/key                    central's public key file (check the fingerprint!)
    POST  /v1/enrol                  {"institution", "key", "code"?}, signed by that key
                                     -> 201/200 {"status": "enrolled"} or 202 "pending"
    POST  /v1/uploads                Upload-Length, Bundle-Id, Bundle-Sha256 -> Location
    HEAD  /v1/uploads/<id>           -> Upload-Offset, Upload-Length
    PATCH /v1/uploads/<id>           Upload-Offset, Upload-Checksum: sha256 <base64>, body
    POST  /v1/uploads/<id>/complete  -> 200 signed receipt, or 422 {"code", "message"}
    GET   /v1/receipts/<bundle id>   the receipt, to the bundle's own CCI or district only
    POST  /v1/transfer-key           the CCI's transfer key statement (signed by its key)
    (POST /v1/transfer-key from a district office: the statement of a CCI of its district)
    POST  /v1/transfers              a transfer packet, from its sender (or its district)
    GET   /v1/transfers              the packets waiting for this CCI (or district)
    GET   /v1/transfers/<id>         one packet, to its receiving CCI (or its district) only
    POST  /v1/transfers/<id>/ack     the receiving CCI's signed acknowledgement
    GET   /v1/transfer-acks          acknowledgements of the packets this CCI sent
    POST  /v1/cpmis/district-returns a district office's own CWC/JJB returns and its
                                     decisions on its CCIs' returns (central.cpmis_intake)
    POST  /v1/identity/decisions     a district office's decisions on pairs of records
                                     (the same child?); the answer: central's, signed
                                     (central.identity.exchange)
    GET   /v1/peer/directory         this state's CCIs, signed: to a registered peer central
    POST  /v1/peer/transfers         a packet a peer central forwards for a CCI here
    POST  /v1/peer/transfer-acks     an acknowledgement a peer central forwards back
                                     (the peer routes: central.peers; signed by the peer's key)

Every error is JSON `{"code", "message", "retry"}`; `retry` false means sending the same
again will not help. A route reads the request, checks the signature (central.auth) and
calls the receiver or the upload store in a worker thread; no SQL here.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import re
import uuid as uuid_mod
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bundle_format.bundle import BundleError
from bundle_format.keys import PublicKeys, SyncKeyError, parse_public
from bundle_format.request_auth import HEADER, RequestAuthError
from central.auth import authenticate, confirm, identify
from central.enrolment import EnrolError, Party, request_enrolment
from central.schema import writer
from central.service import Receiver
from central.uploads import Limits, UploadError, UploadStore

log = logging.getLogger(__name__)
MAX_ENROL_BODY = 16 * 1024
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_RETRY_CODES = frozenset({"busy"})


class ApiError(Exception):
    """An answer other than success: status, code, message (and headers)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        headers: dict[str, str] | None = None,
        retry: bool = False,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or {}
        self.retry = retry


def error_response(exc: ApiError) -> JSONResponse:
    """The JSON error answer."""
    body = {"code": exc.code, "message": exc.message, "retry": exc.retry}
    return JSONResponse(
        body, status_code=exc.status, headers={"Cache-Control": "no-store", **exc.headers}
    )


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it passes `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise ApiError(413, "too-large", f"the request body may be at most {limit} bytes")
        except ValueError as exc:
            raise ApiError(400, "bad-request", "Content-Length is not a number") from exc
    buf = bytearray()
    async for piece in request.stream():
        buf += piece
        if len(buf) > limit:
            raise ApiError(413, "too-large", f"the request body may be at most {limit} bytes")
    return bytes(buf)


def _upload_error(exc: UploadError) -> ApiError:
    headers = {"Upload-Offset": str(exc.offset)} if exc.offset is not None else None
    return ApiError(exc.status, exc.code, exc.message, headers=headers, retry=exc.retry)


class Api:
    """The /v1 routes over one receiver and its upload store."""

    def __init__(self, receiver: Receiver, limits: Limits) -> None:
        self.rcv = receiver
        self.limits = limits
        self.store = UploadStore(receiver.engine, limits)

    def routes(self) -> list[BaseRoute]:
        """The routes, to mount under /v1."""
        return [
            Route("/health", self.health, methods=["GET"]),
            Route("/key", self.key, methods=["GET"]),
            Route("/enrol", self.wrap(self.enrol), methods=["POST"]),
            Route("/uploads", self.wrap(self.create), methods=["POST"]),
            Route("/uploads/{upload_id}", self.wrap(self.upload), methods=["HEAD", "PATCH"]),
            Route("/uploads/{upload_id}/complete", self.wrap(self.complete), methods=["POST"]),
            Route("/receipts/{bundle_id}", self.wrap(self.receipt), methods=["GET"]),
            Route("/transfer-key", self.wrap(self.transfer_key), methods=["POST"]),
            Route("/transfers", self.wrap(self.transfers), methods=["GET", "POST"]),
            Route("/transfers/{packet_id}", self.wrap(self.transfer_packet), methods=["GET"]),
            Route("/transfers/{packet_id}/ack", self.wrap(self.transfer_ack), methods=["POST"]),
            Route("/transfer-acks", self.wrap(self.transfer_acks), methods=["GET"]),
            Route("/cpmis/district-returns", self.wrap(self.cpmis_district), methods=["POST"]),
            Route("/identity/decisions", self.wrap(self.identity_decisions), methods=["POST"]),
            Route("/peer/directory", self.wrap(self.peer_directory), methods=["GET"]),
            Route("/peer/transfers", self.wrap(self.peer_transfer), methods=["POST"]),
            Route("/peer/transfer-acks", self.wrap(self.peer_ack), methods=["POST"]),
        ]

    @staticmethod
    def wrap(fn: Any) -> Any:
        """An endpoint whose ApiError (and signature errors) become JSON answers."""

        async def endpoint(request: Request) -> Response:
            try:
                response: Response = await fn(request)
                return response
            except ApiError as exc:
                return error_response(exc)
            except RequestAuthError as exc:
                retry = exc.code == "replayed-request"
                return error_response(ApiError(401, exc.code, exc.message, retry=retry))

        return endpoint

    async def health(self, _request: Request) -> Response:
        """Liveness, without a signature."""
        return JSONResponse({"ok": True})

    async def key(self, _request: Request) -> Response:
        """Central's public key file."""
        return JSONResponse(self.rcv.keys.public().to_json())

    async def _sender(self, request: Request, limit: int = 0) -> tuple[Party, bytes]:
        """The signing party and the body: who it claims to be is checked before the body
        is read (at most `limit` bytes), the signature and the nonce after."""
        signed, party = await run_in_threadpool(
            identify, self.rcv.engine, header=request.headers.get(HEADER)
        )
        body = await read_body(request, limit)
        await run_in_threadpool(
            lambda: confirm(
                self.rcv.engine,
                signed,
                party.public,
                method=request.method,
                path=request.url.path,
                body_sha256=hashlib.sha256(body).hexdigest(),
                headers=request.headers,
            )
        )
        if party.kind == "pending":
            raise ApiError(
                403,
                "enrolment-pending",
                "this CCI's enrolment is waiting for the state office's approval: phone them "
                f"and read out the key fingerprint {party.public.fingerprint}",
            )
        return party, body

    async def enrol(self, request: Request) -> Response:
        """An enrolment request, signed by the key it asks to enrol (proof of possession)."""
        body = await read_body(request, MAX_ENROL_BODY)
        try:
            req = json.loads(body)
            public = parse_public(req["key"])
            inst = req["institution"]
            code = req.get("code")
            if not isinstance(inst, dict) or not _UUID.fullmatch(str(inst.get("uuid", ""))):
                raise ValueError("the institution id is not a UUID")
            if not isinstance(inst.get("name", ""), str) or (
                code is not None and not isinstance(code, str)
            ):
                raise ValueError("the institution name or the code is not text")
        except (
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            RecursionError,
            SyncKeyError,
        ) as exc:
            raise ApiError(
                400, "bad-enrolment", f"the enrolment request is not valid: {exc}"
            ) from exc
        if public.role != "institution":
            raise ApiError(400, "bad-enrolment", "only institution keys are enrolled this way")
        await run_in_threadpool(
            lambda: authenticate(
                self.rcv.engine,
                header=request.headers.get(HEADER),
                method=request.method,
                path=request.url.path,
                body_sha256=hashlib.sha256(body).hexdigest(),
                headers=request.headers,
                public=public,
            )
        )
        try:
            status = await run_in_threadpool(self._request_enrolment, inst, public, code)
        except EnrolError as exc:
            http = {"quota": 429, "bad-enrolment-code": 403, "enrolment-refused": 403}.get(
                exc.code, 409
            )
            raise ApiError(http, exc.code, exc.message) from exc
        answer = {"status": status, "fingerprint": public.fingerprint}
        return JSONResponse(answer, status_code=202 if status == "pending" else 200)

    def _request_enrolment(self, inst: dict[str, Any], public: PublicKeys, code: str | None) -> str:
        from sqlalchemy.orm import Session

        with Session(writer(self.rcv.engine)) as s, s.begin():
            return request_enrolment(s, institution=inst, public=public, code=code)

    async def create(self, request: Request) -> Response:
        """Start (or find again) an upload."""
        h = request.headers
        try:
            length = int(h.get("upload-length", ""))
            bundle_id = str(uuid_mod.UUID(h.get("bundle-id", "")))
            sha = h.get("bundle-sha256", "").lower()
            if not re.fullmatch(r"[0-9a-f]{64}", sha):
                raise ValueError("Bundle-Sha256")
        except ValueError as exc:
            raise ApiError(
                400, "bad-request", "Upload-Length, Bundle-Id, Bundle-Sha256 needed"
            ) from exc
        party, _ = await self._sender(request)
        try:
            info, created = await run_in_threadpool(
                lambda: self.store.create(party, length=length, bundle_id=bundle_id, sha256=sha)
            )
        except UploadError as exc:
            raise _upload_error(exc) from exc
        headers = {"Location": f"/v1/uploads/{info.upload_id}", "Upload-Offset": str(info.offset)}
        return JSONResponse({}, status_code=201 if created else 200, headers=headers)

    async def upload(self, request: Request) -> Response:
        """HEAD: the offset reached; PATCH: append one chunk if its checksum matches."""
        upload_id = str(request.path_params["upload_id"])
        if request.method == "HEAD":
            party, _ = await self._sender(request)
            try:
                info = await run_in_threadpool(self.store.get, party, upload_id)
            except UploadError as exc:
                raise _upload_error(exc) from exc
            return Response(
                status_code=200,
                headers={"Upload-Offset": str(info.offset), "Upload-Length": str(info.length)},
            )
        try:
            offset = int(request.headers.get("upload-offset", ""))
            algo, _, digest = request.headers.get("upload-checksum", "").partition(" ")
            expected = base64.b64decode(digest, validate=True)
        except (ValueError, binascii.Error) as exc:
            raise ApiError(400, "bad-request", "Upload-Offset and Upload-Checksum needed") from exc
        party, body = await self._sender(request, self.limits.max_chunk)
        if algo != "sha256":
            raise ApiError(400, "bad-checksum-algorithm", "only sha256 checksums are used")
        if hashlib.sha256(body).digest() != expected:
            raise ApiError(460, "checksum-mismatch", "the chunk was damaged on the way", retry=True)
        try:
            new = await run_in_threadpool(
                lambda: self.store.append(party, upload_id, offset=offset, data=body)
            )
        except UploadError as exc:
            raise _upload_error(exc) from exc
        return Response(status_code=204, headers={"Upload-Offset": str(new)})

    async def complete(self, request: Request) -> Response:
        """Apply the whole bundle: the signed receipt, or a refusal (and the upload deleted)."""
        party, _ = await self._sender(request)
        upload_id = str(request.path_params["upload_id"])
        try:
            info, raw = await run_in_threadpool(self.store.bytes_of, party, upload_id)
        except UploadError as exc:
            raise _upload_error(exc) from exc
        if info.status == "done":
            return await self._done(info.bundle_id, party)
        if raw is None:
            raise ApiError(
                409,
                "upload-incomplete",
                "not all bytes have arrived",
                headers={"Upload-Offset": str(info.offset)},
                retry=True,
            )
        if hashlib.sha256(raw).hexdigest() != info.sha256:
            again = await run_in_threadpool(self.store.get, party, upload_id)
            if again.status == "done":  # another request of this party finished it meanwhile
                return await self._done(info.bundle_id, party)
            await run_in_threadpool(self.store.drop, upload_id)
            raise ApiError(422, "checksum-mismatch", "the whole bundle's checksum is wrong")
        try:
            receipt = await run_in_threadpool(
                lambda: self.rcv.receive(
                    raw, sender=party, on_applied=lambda s: self.store.finish_in(s, upload_id)
                )
            )
        except BundleError as exc:
            log.info("bundle %s from %s refused: %s", info.bundle_id, party.id, exc.code)
            if exc.code in _RETRY_CODES:
                raise ApiError(503, exc.code, exc.message, retry=True) from exc
            await run_in_threadpool(self.store.drop, upload_id)
            raise ApiError(422, exc.code, exc.message) from exc
        log.info("bundle %s from %s applied (%d bytes)", info.bundle_id, party.id, len(raw))
        return Response(receipt, media_type="application/json")

    async def _done(self, bundle_id: str, party: Party) -> Response:
        done = await run_in_threadpool(self.rcv.receipt_for, bundle_id, party)
        if done is None:
            raise ApiError(404, "not-found", "no such upload")
        return Response(done, media_type="application/json")

    async def receipt(self, request: Request) -> Response:
        """A stored receipt, only for the bundle's own CCI or its district office."""
        party, _ = await self._sender(request)
        bundle_id = str(request.path_params["bundle_id"])
        found = await run_in_threadpool(self.rcv.receipt_for, bundle_id, party)
        if found is None:
            raise ApiError(404, "not-found", "no bundle of yours with this id has been received")
        return Response(found, media_type="application/json")

    def _in_db(self, fn: Any) -> Any:
        """Run fn(session) in one writing transaction; TransferError -> 422."""
        from sqlalchemy.orm import Session

        from bundle_format.transfer import TransferError

        def run() -> Any:
            with Session(writer(self.rcv.engine)) as s, s.begin():
                return fn(s)

        async def call() -> Any:
            try:
                return await run_in_threadpool(run)
            except TransferError as exc:
                status = 404 if exc.code == "unknown-packet" else 422
                # A peer's CCI not in its directory here yet: refreshed, it will be.
                retry = exc.code == "unknown-sender"
                raise ApiError(status, exc.code, exc.message, retry=retry) from exc

        return call()

    async def transfer_key(self, request: Request) -> Response:
        """Enrol the signing CCI's transfer key from its signed statement."""
        from central import transfers

        party, body = await self._sender(request, 4096)
        if party.kind == "district" and party.district_code is not None:  # from a stick
            code = party.district_code
            kid = await self._in_db(
                lambda s: transfers.enrol_transfer_key_from_office(
                    s, district_code=code, statement=body
                )
            )
            return JSONResponse({"key_id": kid})
        if party.kind != "institution":
            raise ApiError(403, "not-an-institution", "only a CCI has a transfer key")
        kid = await self._in_db(
            lambda s: transfers.enrol_transfer_key(s, institution_uuid=party.id, statement=body)
        )
        return JSONResponse({"key_id": kid})

    async def transfers(self, request: Request) -> Response:
        """POST: hand in a packet; GET: the packets waiting for the signing party."""
        from central import transfers

        if request.method == "GET":
            party, _ = await self._sender(request)
            found = await self._in_db(lambda s: transfers.packets_for(s, party))
            return JSONResponse({"packets": found}, headers={"Cache-Control": "no-store"})
        party, body = await self._sender(request, self.limits.max_bundle)
        packet_id, new = await self._in_db(lambda s: transfers.accept_packet(s, body, party=party))
        await self._forward(packet_id)
        return JSONResponse({"packet_id": packet_id, "new": new}, status_code=201 if new else 200)

    async def _forward(self, packet_id: str) -> None:
        """Send on at once what was queued for a peer central about this packet (if any);
        what fails waits for `python -m central peers forward`."""
        from central import peer_net

        try:
            await run_in_threadpool(
                lambda: peer_net.forward_waiting(
                    self.rcv.engine, self.rcv.keys, packet_id=packet_id, timeout=15
                )
            )
        except Exception:  # the packet is kept and queued: never fail its sender for this
            log.exception("forwarding %s to a peer central failed", packet_id)

    async def _peer(self, request: Request, limit: int = 0) -> tuple[Any, bytes]:
        """The registered peer central that signed this request (its state code) and the
        body; RequestAuthError (401) for anyone else."""
        from sqlalchemy.orm import Session

        from bundle_format.request_auth import check_time, parse_header
        from central import peers

        signed = parse_header(request.headers.get(HEADER))
        check_time(signed)

        def find() -> tuple[int, Any] | None:
            with Session(self.rcv.engine) as s:
                p = peers.find_peer(s, signed.key_id)
                return (p.state_code, peers.peer_public(p)) if p is not None else None

        found = await run_in_threadpool(find)
        if found is None:
            raise RequestAuthError(
                "not-a-peer", "this key is not a peer central registered with this state"
            )
        state_code, public = found
        body = await read_body(request, limit)
        await run_in_threadpool(
            lambda: confirm(
                self.rcv.engine,
                signed,
                public,
                method=request.method,
                path=request.url.path,
                body_sha256=hashlib.sha256(body).hexdigest(),
                headers=request.headers,
            )
        )
        return state_code, body

    async def peer_directory(self, request: Request) -> Response:
        """This state's CCIs with a transfer key, signed with central's key, to a peer."""
        from central import peers

        await self._peer(request)
        doc = await self._in_db(lambda s: peers.directory_document(s, self.rcv.keys))
        return Response(doc, media_type="application/json", headers={"Cache-Control": "no-store"})

    async def peer_transfer(self, request: Request) -> Response:
        """A packet a peer central forwards for one of this state's CCIs (idempotent)."""
        from bundle_format.transfer import TransferError
        from central import peers
        from central.models import PeerCentral

        state_code, body = await self._peer(request, self.limits.max_bundle)

        def take(s: Any) -> tuple[str, bool]:
            peer = s.get(PeerCentral, state_code)
            if peer is None:
                raise TransferError("unknown-peer", "this peer central was just removed")
            return peers.accept_forwarded_packet(s, body, peer=peer, keys=self.rcv.keys)

        packet_id, new = await self._in_db(take)
        return JSONResponse({"packet_id": packet_id, "new": new}, status_code=201 if new else 200)

    async def peer_ack(self, request: Request) -> Response:
        """An acknowledgement a peer central forwards for a packet forwarded there."""
        from bundle_format.transfer import TransferError
        from central import peers
        from central.models import PeerCentral

        state_code, body = await self._peer(request, 16 * 1024)

        def take(s: Any) -> str:
            peer = s.get(PeerCentral, state_code)
            if peer is None:
                raise TransferError("unknown-peer", "this peer central was just removed")
            return peers.accept_forwarded_ack(s, body, peer=peer)

        status = await self._in_db(take)
        return JSONResponse({"status": status})

    async def transfer_packet(self, request: Request) -> Response:
        """One packet's bytes, to its receiving CCI (or that CCI's district office) only."""
        from central import transfers

        party, _ = await self._sender(request)
        packet_id = str(request.path_params["packet_id"])
        found = await self._in_db(lambda s: transfers.packet_bytes(s, party, packet_id))
        if found is None:
            raise ApiError(404, "not-found", "no packet for you with this id")
        return Response(found, media_type="application/octet-stream")

    async def transfer_ack(self, request: Request) -> Response:
        """The receiving CCI's signed acknowledgement of a packet."""
        from central import transfers

        party, body = await self._sender(request, 16 * 1024)
        status = await self._in_db(lambda s: transfers.accept_ack(s, body, party=party))
        await self._forward(str(json.loads(body)["ack"]["packet_id"]))  # (checked: kept)
        return JSONResponse({"status": status})

    async def transfer_acks(self, request: Request) -> Response:
        """The acknowledgements of the packets the signing CCI sent (base64 each)."""
        from central import transfers

        party, _ = await self._sender(request)
        acks = await self._in_db(lambda s: transfers.acks_for(s, party))
        return JSONResponse({"acks": [base64.b64encode(a).decode("ascii") for a in acks]})

    async def identity_decisions(self, request: Request) -> Response:
        """A district office's decisions on pairs, signed with its key; the answer carries
        the decisions made elsewhere about its children, signed with central's key."""
        from central.identity import exchange

        party, body = await self._sender(request, exchange.MAX_BODY)
        try:
            done = await self._in_db(lambda s: exchange.accept(s, body, party, self.rcv.keys))
        except exchange.ExchangeError as exc:
            raise ApiError(exc.status, exc.code, exc.message, retry=False) from exc
        return Response(done, media_type="application/json")

    async def cpmis_district(self, request: Request) -> Response:
        """A district office's own CPMIS returns and decisions, signed with its key."""
        from central import cpmis_intake

        party, body = await self._sender(request, cpmis_intake.MAX_BODY)
        try:
            done = await self._in_db(lambda s: cpmis_intake.accept(s, body, party))
        except cpmis_intake.IntakeError as exc:
            raise ApiError(exc.status, exc.code, exc.message, retry=False) from exc
        return JSONResponse(done)
