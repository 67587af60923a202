"""Transfers between states over the network (issue 20): fetching the peer centrals'
signed directories (`refresh`) and sending them the packets and acknowledgements queued
for them (`forward_waiting`), every request signed with this central's key. The rules
are in `central.peers`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bundle_format import transfer as packets
from bundle_format.keys import OwnKeys
from bundle_format.request_auth import sign_request
from central.models import PeerCentral, PeerForward, TransferRelay
from central.peers import ACKS_PATH, DIRECTORY_PATH, PACKETS_PATH, take_directory
from central.schema import writer

log = logging.getLogger(__name__)
TIMEOUT = 30.0


@dataclass(frozen=True)
class Tried:
    """One forward tried: what, to which state, and how it went (done, waiting, refused)."""

    kind: str
    packet_id: str
    state_code: int
    status: str
    message: str = ""


def _call(
    url: str, keys: OwnKeys, method: str, path: str, body: bytes = b"", timeout: float = TIMEOUT
) -> requests.Response:
    full = url.rstrip("/") + path
    header = sign_request(keys, method=method, path=urlsplit(full).path, body=body)
    return requests.request(
        method,
        full,
        data=body if body else None,
        headers={"CLMS-Signature": header, "Content-Type": "application/octet-stream"},
        timeout=timeout,
    )


def refresh(engine: Engine, keys: OwnKeys, *, state_code: int | None = None) -> dict[int, Any]:
    """Fetch each peer's signed directory (or one peer's): {state: CCIs kept, or why not}."""
    with Session(engine) as s:
        peers = [
            (p.state_code, p.url)
            for p in s.scalars(select(PeerCentral))
            if state_code is None or p.state_code == state_code
        ]
    out: dict[int, Any] = {}
    for code, url in peers:
        try:
            r = _call(url, keys, "GET", DIRECTORY_PATH)
            if r.status_code != 200:
                out[code] = f"refused ({r.status_code}): {_message(r)}"
                continue
            with Session(writer(engine)) as s, s.begin():
                peer = s.get(PeerCentral, code)
                if peer is None:
                    continue
                out[code] = take_directory(s, peer, r.content)
        except (requests.RequestException, packets.TransferError) as exc:
            out[code] = f"not fetched: {exc}"
    return out


def _message(r: requests.Response) -> str:
    try:
        body = r.json()
        return f"{body.get('code')}: {body.get('message')}"
    except ValueError:
        return r.text[:200]


def forward_waiting(
    engine: Engine,
    keys: OwnKeys,
    *,
    packet_id: str | None = None,
    timeout: float = TIMEOUT,
) -> list[Tried]:
    """Send the waiting packets and acknowledgements to their peer centrals (or the one of
    `packet_id`); a network failure or a busy peer leaves it waiting for the next try,
    a refusal (the peer says trying again will not help) marks it refused."""
    with Session(engine) as s:
        q = select(PeerForward).where(PeerForward.status == "waiting")
        if packet_id is not None:
            q = q.where(PeerForward.packet_id == packet_id)
        found = s.scalars(q.order_by(PeerForward.id))
        items = [(f.id, f.kind, f.packet_id, f.state_code) for f in found]
    done: list[Tried] = []
    for fid, kind, pid, code in items:
        with Session(engine) as s:
            peer = s.get(PeerCentral, code)
            relay = s.get(TransferRelay, pid)
            url = peer.url if peer is not None else None
            body = None
            if relay is not None:
                body = relay.data if kind == "packet" else relay.ack
        status, message = "waiting", ""
        if url is None:  # removed: waits until it is registered again
            message = f"no central of state {code} is registered"
        elif body is None:
            status, message = "refused", "nothing to send (the packet is not kept here)"
        else:
            try:
                r = _call(
                    url,
                    keys,
                    "POST",
                    PACKETS_PATH if kind == "packet" else ACKS_PATH,
                    body,
                    timeout,
                )
                if r.status_code in (200, 201):
                    status = "done"
                else:
                    message = _message(r)
                    retry = True
                    try:
                        retry = bool(r.json().get("retry")) or r.status_code >= 500
                    except ValueError:
                        pass
                    if not retry and r.status_code != 401:
                        status = "refused"
            except requests.RequestException as exc:
                message = f"not reached: {type(exc).__name__}"
        with Session(writer(engine)) as s, s.begin():
            f = s.get(PeerForward, fid)
            if f is None or f.status != "waiting":
                continue
            f.tries += 1
            f.tried_at = datetime.now(UTC)
            f.status = status
            f.last_error = message or None
            if status == "done":
                f.done_at = f.tried_at
        if status != "done":
            log.warning("forward of %s %s to state %s: %s (%s)", kind, pid, code, status, message)
        done.append(Tried(kind, pid, code, status, message))
    return done
