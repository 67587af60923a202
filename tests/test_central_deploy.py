"""Central installed the documented way (central/deploy/): the files are sound, and with
CLMS_CENTRAL_SMOKE=1 (`make central-smoke`) the whole install runs on 127.0.0.1.

The smoke run follows central/deploy/README.md under a temporary folder: a throwaway
PostgreSQL cluster, `init-keys`, the settings file made from `central.env.example`, central
started with the unit file's own ExecStart line, nginx with the documented configuration and
a certificate of a test CA, a CCI that enrols and uploads one bundle over HTTPS, a release
published and announced, the backup script's dump restored, the log turned over by logrotate.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from ipaddress import IPv4Address
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, func, inspect, select, text

from desktop.db import connect_raw
from desktop.models import uuid_from_db
from tests.register_file import write_register

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "central" / "deploy"
UNIT = DEPLOY / "clms-central.service"
smoke = pytest.mark.skipif(
    os.environ.get("CLMS_CENTRAL_SMOKE") != "1",
    reason="installs central the documented way: make central-smoke (CLMS_CENTRAL_SMOKE=1)",
)


def unit_value(path: Path, key: str) -> str:
    """One `Key=value` of a unit file (the first)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{key}="):
            return line[len(key) + 1 :]
    raise AssertionError(f"{path.name} has no {key}=")


def env_file(path: Path) -> dict[str, str]:
    """KEY=value lines of an environment file (systemd's EnvironmentFile= format)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            out[key.strip()] = value.strip()
    return out


# ---- the files, always checked ------------------------------------------------------------


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd not installed")
def test_unit_files_pass_systemd_analyze(tmp_path: Path) -> None:
    """systemd finds no error or unknown setting in the service, backup and timer units."""
    units = []
    for name in (
        "clms-central.service",
        "clms-central-backup.service",
        "clms-central-backup.timer",
    ):
        body = (DEPLOY / name).read_text(encoding="utf-8")
        # The programs are where step 3 puts them; here, ones that exist.
        body = body.replace("/opt/clms-central/venv/bin/python", sys.executable)
        body = body.replace("/opt/clms-central/src/central/deploy/clms-central-backup", "/bin/true")
        (tmp_path / name).write_text(body, encoding="utf-8")
        units.append(str(tmp_path / name))
    r = subprocess.run(
        ["systemd-analyze", "verify", *units], capture_output=True, text=True, timeout=60
    )
    problems = [ln for ln in r.stderr.splitlines() if "clms-central" in ln]
    assert r.returncode == 0 and not problems, r.stderr


def test_settings_file_names_what_the_units_and_backup_read() -> None:
    """Every variable the unit and the backup script use is in central.env.example."""
    example = env_file(DEPLOY / "central.env.example")
    used = set(re.findall(r"\$\{(\w+)\}", unit_value(UNIT, "ExecStart")))
    used |= {"CLMS_CENTRAL_PASSPHRASE"}  # read by `serve` from its environment
    script = (DEPLOY / "clms-central-backup").read_text(encoding="utf-8")
    used |= set(re.findall(r"\$\{(CLMS_\w+|PG\w+):=", script))
    assert used <= set(example), used - set(example)
    from central.__main__ import PASS_ENV

    assert PASS_ENV == "CLMS_CENTRAL_PASSPHRASE"


def test_service_listens_on_loopback_behind_nginx() -> None:
    """Central itself is never reachable from outside: 127.0.0.1, with nginx proxying to it."""
    args = shlex.split(unit_value(UNIT, "ExecStart"))
    assert args[args.index("--host") + 1] == "127.0.0.1"
    port = args[args.index("--port") + 1]
    nginx = (DEPLOY / "nginx-clms-central.conf").read_text(encoding="utf-8")
    assert f"proxy_pass http://127.0.0.1:{port};" in nginx
    assert "listen 443 ssl;" in nginx and "return 301 https://" in nginx
    from central.uploads import Limits

    limit = int(re.search(r"client_max_body_size (\d+)m;", nginx).group(1))  # type: ignore[union-attr]
    assert limit * 1024 * 1024 > Limits().max_chunk  # a whole upload chunk gets through


def test_backup_script_is_valid_shell() -> None:
    """The backup script parses (sh -n) and is executable."""
    script = DEPLOY / "clms-central-backup"
    assert os.access(script, os.X_OK)
    subprocess.run(["sh", "-n", str(script)], check=True)


# ---- the whole install, on 127.0.0.1 ----------------------------------------------------


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, *, verify: str | bool = True, timeout: float = 30) -> requests.Response:
    """GET the URL until it answers (the server is starting)."""
    end = time.monotonic() + timeout
    while True:
        try:
            return requests.get(url, verify=verify, timeout=5, allow_redirects=False)
        except requests.ConnectionError:
            if time.monotonic() > end:
                raise
            time.sleep(0.2)


def state_ca(folder: Path) -> tuple[Path, Path, Path]:
    """A state CA and a certificate for 127.0.0.1 it signed: (ca.pem, cert.pem, key.pem)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.now(UTC)

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("Test State CA"))
        .issuer_name(name("Test State CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "ca.pem", folder / "fullchain.pem", folder / "privkey.pem"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


def nginx_conf(folder: Path, *, tls_port: int, http_port: int, central_port: int) -> Path:
    """nginx.conf around the documented server blocks, moved to loopback ports and test paths."""
    site = (DEPLOY / "nginx-clms-central.conf").read_text(encoding="utf-8")
    site = re.sub(r"^\s*listen \[::\]:\d+( ssl)?;\n", "", site, flags=re.M)
    site = site.replace("listen 443 ssl;", f"listen 127.0.0.1:{tls_port} ssl;")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    site = site.replace("/etc/ssl/clms-central/", f"{folder}/")
    site = site.replace(
        "proxy_pass http://127.0.0.1:8765;", f"proxy_pass http://127.0.0.1:{central_port};"
    )
    temps = "\n".join(
        f"    {kind}_temp_path {folder}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = folder / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        f"events {{ worker_connections 64; }}\nhttp {{\n    access_log {folder}/access.log;\n"
        f"{temps}\n{site}\n}}\n",
        encoding="utf-8",
    )
    return conf


@pytest.fixture
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL server (tests/sync_helpers.py)."""
    from tests.sync_helpers import throwaway_postgres

    with throwaway_postgres() as url:
        yield url


def started(
    args: list[str], *, env: dict[str, str], cwd: Path, log: Path
) -> subprocess.Popen[bytes]:
    """A server process, its output to a file (so a failure can show it)."""
    with open(log, "ab") as out:
        return subprocess.Popen(args, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)


@smoke
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("nginx") is None, reason="apt-get install nginx")
def test_documented_install_takes_a_bundle_over_https(
    tmp_path: Path,
    postgres: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Installed as central/deploy/README.md says, central takes a CCI's bundle over TLS."""
    from central.__main__ import main as central_main
    from central.models import MergedRecord
    from desktop.cli.main import main as clms

    # Step 4: the database.
    admin = create_engine(postgres, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text("CREATE DATABASE clms_central ENCODING 'UTF8'"))
    admin.dispose()
    db_url = postgres.replace("/postgres?", "/clms_central?")
    # Step 5: the keys.
    keys, state, logs = tmp_path / "keys", tmp_path / "state", tmp_path / "log"
    for d in (state, logs):
        d.mkdir()
    monkeypatch.setenv("CLMS_CENTRAL_PASSPHRASE", "a long test passphrase")
    assert central_main(["init-keys", "--dir", str(keys), "--name", "Test State"]) == 0
    # Step 6: the settings file, from the example.
    settings = env_file(DEPLOY / "central.env.example")
    settings.update(
        CLMS_CENTRAL_DB=db_url,
        CLMS_CENTRAL_PASSPHRASE="a long test passphrase",
        CLMS_BACKUP_DIR=str(tmp_path / "backups"),
    )
    # Step 7: central started with the unit's own command line.
    central_port, tls_port, http_port = free_port(), free_port(), free_port()
    moved = {
        "/opt/clms-central/venv/bin/python": sys.executable,
        "/etc/clms-central/keys": str(keys),
        "/var/log/clms-central/central.log": str(logs / "central.log"),
        "8765": str(central_port),
    }
    args = [moved.get(a, a) for a in shlex.split(unit_value(UNIT, "ExecStart"))]
    args = [re.sub(r"\$\{(\w+)\}", lambda m: settings[m.group(1)], a) for a in args]
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8", **settings}
    procs = [started(args, env=env, cwd=state, log=tmp_path / "central.out")]
    try:
        assert wait_for(f"http://127.0.0.1:{central_port}/v1/health").json() == {"ok": True}
        # Step 8: nginx with the documented configuration, a certificate of the test CA.
        ca, _cert, _key = state_ca(tmp_path)
        conf = nginx_conf(
            tmp_path, tls_port=tls_port, http_port=http_port, central_port=central_port
        )
        ngx = ["nginx", "-p", str(tmp_path), "-c", str(conf)]
        check = subprocess.run([*ngx, "-t"], capture_output=True, text=True, timeout=30)
        assert check.returncode == 0 and "syntax is ok" in check.stderr, check.stderr
        procs.append(
            started(
                [*ngx, "-g", "daemon off;"],
                env=dict(os.environ),
                cwd=tmp_path,
                log=tmp_path / "nginx.out",
            )
        )
        base = f"https://127.0.0.1:{tls_port}"
        assert wait_for(base + "/v1/health", verify=str(ca)).json() == {"ok": True}
        plain = wait_for(f"http://127.0.0.1:{http_port}/v1/health")
        assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")
        with pytest.raises(requests.exceptions.SSLError):  # not trusted without the state CA
            requests.get(base + "/v1/health", timeout=5)

        # A CCI enrols with a one-time code and sends one bundle over HTTPS (the state's CA
        # file given once, as the CCIs are told to).
        monkeypatch.setenv("CLMS_KEY_PASSPHRASE", "cci passphrase")
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
        cci = str(tmp_path / "cci")
        home = ["--name", "Asha Kiran", "--type", "childrens-home", "--state", "10"]
        home += ["--district", "212", "--registration-no", "BR/1"]
        assert clms(["--data-dir", cci, "init", *home]) == 0
        register = write_register(tmp_path / "register.csv", 20)  # a real home: practice
        assert clms(["-q", "--data-dir", cci, "import", str(register)]) == 0  # never sends
        assert clms(["--data-dir", cci, "sync", "keys", "init"]) == 0
        assert clms(["--data-dir", cci, "sync", "keys", "import", str(keys / "central.pub")]) == 0
        (uuid,) = (
            connect_raw(Path(cci) / "clms.sqlite3")
            .execute("SELECT uuid FROM institution")
            .fetchone()
        )
        capsys.readouterr()
        uuid = str(uuid_from_db(uuid))  # SQLite keeps its 16 bytes; the CCI says it with dashes
        issue = ["enrolments", "issue-code", "--uuid", uuid, "--name", "Asha Kiran"]
        issue += ["--state", "10", "--district", "212", "--db", db_url, "--keys", str(keys)]
        assert central_main(issue) == 0
        code = re.search(r"code for Asha Kiran: (\S+)", capsys.readouterr().out).group(1)  # type: ignore[union-attr]
        enrol = ["--data-dir", cci, "sync", "enrol", "--url", base, "--ca-file", str(ca)]
        assert clms([*enrol, "--code", "WRONG-CODE"]) != 0
        assert clms([*enrol, "--code", code]) == 0
        assert "Enrolled with central" in capsys.readouterr().out
        assert clms(["--data-dir", cci, "sync", "push"]) == 0
        said = capsys.readouterr().out
        m = re.search(r"Bundle 1 received by central: (\d+) new, .* 0 conflicts, 0 errors", said)
        assert m, said
        db = create_engine(db_url)
        with db.connect() as c:
            stored = c.execute(select(func.count()).select_from(MergedRecord.__table__)).scalar()
        assert stored == int(m.group(1)) > 20

        # A release published at central is announced to the CCI at its next send.
        setup = tmp_path / "clms-desktop-9.0.0-setup.exe"
        setup.write_bytes(b"MZ an installer")
        assert central_main(["release", "sign", "--keys", str(keys), "--file", str(setup),
                             "--release", "9.0.0", "--changes-en", "Faster printing.",
                             "--changes-hi", "तेज़ छपाई।"]) == 0  # fmt: skip
        capsys.readouterr()
        assert clms(["--data-dir", cci, "sync", "push"]) == 0
        assert "A newer version of CLMS Desktop is available: 9.0.0" in capsys.readouterr().out

        # Step 9: the backup script, and its dump restored into an empty database.
        pg = dict(re.findall(r"(host|port)=([^&]+)", db_url))
        backup_env = {**env, "PGHOST": pg["host"], "PGPORT": pg["port"], "PGUSER": "clms"}
        out = subprocess.run([str(DEPLOY / "clms-central-backup")], env=backup_env,
                             capture_output=True, text=True, timeout=120)  # fmt: skip
        assert out.returncode == 0, out.stderr
        (dump,) = (tmp_path / "backups").glob("central-*.dump")
        with create_engine(postgres, isolation_level="AUTOCOMMIT").connect() as c:
            c.execute(text("CREATE DATABASE restored"))
        subprocess.run(["pg_restore", "--dbname=restored", str(dump)], env=backup_env,
                       check=True, capture_output=True, timeout=120)  # fmt: skip
        restored = create_engine(postgres.replace("/postgres?", "/restored?"))

        def rows(engine):  # type: ignore[no-untyped-def]
            with engine.connect() as c:
                return {
                    t: c.execute(text(f'SELECT count(*) FROM "{t}"')).scalar()
                    for t in inspect(engine).get_table_names()
                }

        assert rows(restored) == rows(db) and rows(db)[MergedRecord.__tablename__] == stored
        restored.dispose()
        db.dispose()

        # Step 10: logrotate turns the log over; central goes on writing to a new file.
        log = logs / "central.log"
        assert "central listening on" in log.read_text(encoding="utf-8")
        assert "applied" in log.read_text(encoding="utf-8")
        if shutil.which("logrotate"):
            rot = (DEPLOY / "logrotate-clms-central").read_text(encoding="utf-8")
            rot = rot.replace("/var/log/clms-central/", f"{logs}/")
            rot = re.sub(r"^\s*(su|create) .*\n", "", rot, flags=re.M)  # no such user here
            (tmp_path / "logrotate.conf").write_text(rot, encoding="utf-8")
            lr = [
                "logrotate",
                "-s",
                str(tmp_path / "logrotate.state"),
                str(tmp_path / "logrotate.conf"),
            ]
            subprocess.run([*lr[:1], "-f", *lr[1:]], check=True, capture_output=True, timeout=60)
            assert (logs / "central.log.1").exists()
            # Something worth a log line after the rotation: one more change sent.
            from desktop.db import open_database
            from desktop.services.cases.children import register_child
            from desktop.services.core.context import Actor, unit_of_work
            from tests.helpers import child_input

            cci_engine = open_database(Path(cci))
            with unit_of_work(cci_engine, Actor("asha", "superintendent", "Asha")) as s_:
                register_child(s_, child_input(first_name="Rekha"), today=date.today())
            cci_engine.dispose()
            assert clms(["--data-dir", cci, "sync", "push"]) == 0
            assert "applied" in log.read_text(encoding="utf-8")  # a new file, written again
        # The log holds no case data: no child's name appears in it.
        names = [
            r[0]
            for r in connect_raw(Path(cci) / "clms.sqlite3").execute("SELECT first_name FROM child")
        ]
        text_ = "".join(p.read_text(encoding="utf-8") for p in logs.glob("central.log*"))
        assert not any(f" {n} " in text_ for n in names)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        out = (tmp_path / "central.out").read_text(errors="replace")
        print(out[-3000:])
