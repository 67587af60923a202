"""Shared pieces of the sync tests: keys, a chain of bundles, a central on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bundle_format import bundle as bundles
from bundle_format import keys as key_files
from central.schema import open_engine
from central.service import Receiver
from central.uploads import Limits

INSTITUTION = {
    "uuid": "5e1f0a9c-3b7d-4e2a-8c6f-2d4b6a8c0e1f",
    "name": "Test Home",
    "state_code": 10,
    "district_code": 212,
}


def record(
    i: int, *, version: int = 1, base: int = 0, op: str = "upsert", name: str | None = None
) -> dict[str, Any]:
    """One synthetic child record change."""
    return {
        "record_uuid": f"00000000-0000-4000-8000-{i:012d}",
        "type": "child",
        "op": op,
        "version": version,
        "base_version": base,
        "data": None if op == "delete" else {"full_name": name or f"Test Child {i}"},
    }


@dataclass
class Chain:
    """An institution's bundle chain (seq and prev hash advance as bundles are built)."""

    inst: key_files.OwnKeys
    recipients: list[key_files.PublicKeys]
    institution: dict[str, Any] = field(default_factory=lambda: dict(INSTITUTION))
    seq: int = 0
    prev: str = bundles.GENESIS

    def next(self, records: list[dict[str, Any]], *, advance: bool = True) -> bytes:
        """Build the next bundle of the chain."""
        raw = bundles.build_bundle(
            records=records,
            institution=self.institution,
            seq=self.seq + 1,
            prev_hash=self.prev,
            created_at="2026-11-23T10:00:00Z",
            signer=self.inst,
            recipients=self.recipients,
        )
        if advance:
            self.seq += 1
            self.prev = bundles.parse_bundle(raw).hash
        return raw


@dataclass
class Served:
    """A central web app served by uvicorn on 127.0.0.1 in this process (a thread)."""

    url: str
    server_address: tuple[str, int]


@contextmanager
def serve_receiver(
    rcv: Receiver,
    *,
    limits: Limits | None = None,
    ssl: dict[str, str] | None = None,
    release_manifest: Path | None = None,
) -> Iterator[Served]:
    """The real web app over `rcv`, served by uvicorn on an ephemeral loopback port."""
    import socket
    import threading
    import time

    import uvicorn

    from central.web.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(rcv, limits, release_manifest=release_manifest),
        log_level="warning",
        access_log=False,
        **({"ssl_certfile": ssl["certfile"], "ssl_keyfile": ssl["keyfile"]} if ssl else {}),
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    scheme = "https" if ssl else "http"
    try:
        yield Served(f"{scheme}://127.0.0.1:{port}", ("127.0.0.1", port))
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@contextmanager
def running_central(
    tmp: Path,
    central: key_files.OwnKeys,
    *,
    limits: Limits | None = None,
    release_manifest: Path | None = None,
) -> Iterator[tuple[Served, Receiver]]:
    """A real central web server on 127.0.0.1 (ephemeral port) over a fresh SQLite file."""
    rcv = Receiver(
        open_engine(f"sqlite:///{tmp / 'central.sqlite'}"), central, aadhaar_secret=b"s" * 32
    )
    try:
        with serve_receiver(rcv, limits=limits, release_manifest=release_manifest) as served:
            yield served, rcv
    finally:
        rcv.engine.dispose()


class CuttingProxy:
    """A loopback TCP proxy that drops each connection after a random number of bytes.

    The budget of each new connection (client to server bytes) is drawn from `budgets`;
    None lets a connection through untouched. Counts the connections it cut.
    """

    def __init__(self, upstream: tuple[str, int], budgets: Iterator[int | None]) -> None:
        import socket
        import threading

        self.upstream = upstream
        self.budgets = budgets
        self.cuts = 0
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self._stop = False
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        """Base URL through the proxy."""
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        import socket
        import threading

        while not self._stop:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            with self._lock:
                budget = next(self.budgets)
            server = socket.create_connection(self.upstream)
            state = {"left": budget}
            threading.Thread(
                target=self._pump, args=(client, server, state, True), daemon=True
            ).start()
            threading.Thread(
                target=self._pump, args=(server, client, state, False), daemon=True
            ).start()

    def _pump(self, src: Any, dst: Any, state: dict[str, Any], upstream: bool) -> None:
        import socket

        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if upstream and state["left"] is not None:
                    if len(data) >= state["left"]:
                        dst.sendall(data[: state["left"]])
                        with self._lock:
                            self.cuts += 1
                        break
                    state["left"] -= len(data)
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self) -> None:
        """Stop accepting connections."""
        self._stop = True
        self.sock.close()


class ForwardProxy:
    """A small HTTP forward proxy on 127.0.0.1 (plain http), recording what went through."""

    def __init__(self) -> None:
        import http.client
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        from urllib.parse import urlsplit

        seen: list[tuple[str, str]] = []
        self.seen = seen
        hop = {"connection", "keep-alive", "proxy-connection", "transfer-encoding"}

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_a: Any) -> None:
                pass

            def forward(self) -> None:
                url = urlsplit(self.path)  # a proxy is sent the absolute URI
                seen.append((self.command, self.path))
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else None
                conn = http.client.HTTPConnection(url.hostname or "", url.port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in hop}
                conn.request(self.command, url.path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                self.send_response(resp.status)
                for k, v in resp.getheaders():
                    if k.lower() not in hop:
                        self.send_header(k, v)
                self.end_headers()
                if self.command != "HEAD" and data:
                    self.wfile.write(data)
                conn.close()

            do_GET = do_POST = do_PATCH = do_HEAD = forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        """Stop the proxy."""
        self.server.shutdown()
        self.server.server_close()


class SlowProxy:
    """A loopback TCP proxy that waits `delay` seconds before passing on each piece the
    client sends: a slow link on which sending takes long enough to press Stop."""

    def __init__(self, upstream: tuple[str, int], delay: float) -> None:
        import socket
        import threading

        self.upstream, self.delay = upstream, delay
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import socket
        import threading

        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, src: Any, dst: Any, slow: bool) -> None:
        import socket
        import time

        try:
            while data := src.recv(65536):
                if slow:
                    time.sleep(self.delay)
                dst.sendall(data)
        except OSError:
            pass
        for sock in (src, dst):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def close(self) -> None:
        """Stop accepting connections."""
        self.sock.close()


def closed_port_url() -> str:
    """An address on 127.0.0.1 where nothing listens (connections are refused): offline."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@contextmanager
def silent_server() -> Iterator[str]:
    """An address on 127.0.0.1 that accepts connections and never answers (a link that
    connects but carries nothing back, as on a dead 2G line)."""
    import socket

    sock = socket.create_server(("127.0.0.1", 0), backlog=16)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A real PostgreSQL server for the test session: $CLMS_TEST_PG_URL if set, else a
    throwaway cluster (initdb + pg_ctl, Unix socket only, trust auth) removed afterwards.

    Yields a SQLAlchemy URL of its `postgres` database; skips if no server binaries exist.
    """
    import glob
    import os
    import shutil
    import socket
    import subprocess
    import tempfile

    import pytest

    url = os.environ.get("CLMS_TEST_PG_URL")
    if url:
        yield url
        return
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or (
        [shutil.which("initdb")] if shutil.which("initdb") else []
    )
    if not found:
        pytest.skip("no PostgreSQL server binaries on this machine")
    bindir = Path(str(found[-1])).parent
    base = Path(tempfile.mkdtemp(prefix="clms-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        prefix = ["runuser", "-u", "postgres", "--"]
        for p in (base, sock):
            shutil.chown(p, "postgres", "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    try:
        subprocess.run(
            [
                *prefix,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "clms",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                *prefix,
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-w",
                "-l",
                str(base / "log"),
                "-o",
                f"-p {port} -k {sock} -c listen_addresses='' -c fsync=off",
                "start",
            ],
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://clms@/postgres?host={sock}&port={port}"
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


def signed(
    keys: key_files.OwnKeys,
    method: str,
    url: str,
    *,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    **kw: Any,
) -> Any:
    """One request signed with `keys` the way sync_client does it (for attack tests)."""
    from urllib.parse import urlsplit

    import requests

    from bundle_format.request_auth import HEADER, sign_request

    hdrs = dict(headers or {})
    hdrs[HEADER] = sign_request(
        keys, method=method, path=urlsplit(url).path, body=body, headers=hdrs
    )
    return requests.request(method, url, data=body or None, headers=hdrs, timeout=10, **kw)


def chunk_headers(data: bytes, offset: int) -> dict[str, str]:
    """The headers of one PATCH chunk."""
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(data).digest()).decode()
    return {
        "Upload-Offset": str(offset),
        "Content-Type": "application/offset+octet-stream",
        "Upload-Checksum": f"sha256 {digest}",
    }


def create_headers(raw: bytes) -> dict[str, str]:
    """The headers that start an upload of these bundle bytes."""
    import hashlib
    import uuid

    try:
        bundle_id = bundles.parse_bundle(raw).bundle_id
    except bundles.BundleError:  # a damaged bundle (attack tests): any id will do
        bundle_id = str(uuid.uuid4())
    return {
        "Upload-Length": str(len(raw)),
        "Bundle-Id": bundle_id,
        "Bundle-Sha256": hashlib.sha256(raw).hexdigest(),
    }


def table_counts(engine: Any) -> dict[str, int]:
    """Rows in every table of central's database (to show a refusal changed nothing)."""
    from sqlalchemy import func, select

    from central.models import CentralBase

    out = {}
    with engine.connect() as conn:
        for name, table in CentralBase.metadata.tables.items():
            out[name] = int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
    return out


def db_state(engine: Any, *, skip: tuple[str, ...] = ("central_request_nonce",)) -> str:
    """A digest of every row of every central table (request nonces left out: they are
    bookkeeping of the requests themselves): equal digests, an unchanged database."""
    import hashlib

    from sqlalchemy import select

    from central.models import CentralBase

    h = hashlib.sha256()
    with engine.connect() as conn:
        for name in sorted(CentralBase.metadata.tables):
            if name in skip:
                continue
            table = CentralBase.metadata.tables[name]
            rows = sorted(repr(tuple(r)) for r in conn.execute(select(table)))
            h.update(name.encode() + repr(rows).encode())
    return h.hexdigest()


def child_record(
    i: int,
    *,
    central: key_files.PublicKeys | None = None,
    aadhaar_number: str | None = None,
    status: str = "in_care",
    version: int = 1,
    base: int = 0,
    first_name: str | None = None,
) -> dict[str, Any]:
    """A child record shaped as the CCI's outbox sends it (Aadhaar last 4 + sealed to central)."""
    from bundle_format import aadhaar

    uuid = f"00000000-0000-4000-8000-{i:012d}"
    data: dict[str, Any] = {
        "code": f"BR-212-0001-2026-{i:05d}",
        "first_name": first_name or f"Child{i}",
        "last_name": "Kumari",
        "name_local": "बच्चा",
        "gender": "female" if i % 2 else "male",
        "dob": "2016-04-10",
        "dob_estimated": False,
        "status": status,
        "admission_date": "2025-01-15",
        "referral": "police",
        "category_code": 1 + i % 20,
        "institution_uuid": INSTITUTION["uuid"],
    }
    if aadhaar_number is not None and central is not None:
        data["aadhaar_last4"] = aadhaar.last4(aadhaar_number)
        data["aadhaar_sealed"] = aadhaar.seal(aadhaar_number, central=central, record_uuid=uuid)
    return {
        "record_uuid": uuid,
        "type": "child",
        "op": "upsert",
        "version": version,
        "base_version": base,
        "data": data,
    }


def linked_record(kind: str, i: int, child: int, **data: Any) -> dict[str, Any]:
    """A record of another type that belongs to child number `child`."""
    return {
        "record_uuid": f"00000000-0000-4000-9{abs(hash(kind)) % 1000:03d}-{i:012d}",
        "type": kind,
        "op": "upsert",
        "version": 1,
        "base_version": 0,
        "data": {"child_uuid": f"00000000-0000-4000-8000-{child:012d}", **data},
    }
