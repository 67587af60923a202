"""`python -m central serve` as a real process on 127.0.0.1, for the tests and the bench."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bundle_format import keys as key_files

ROOT = Path(__file__).resolve().parents[1]
PASS = "central test passphrase"


@dataclass
class CentralProcess:
    """A running central: its URL, process, keys folder and keys."""

    url: str
    proc: subprocess.Popen[str]
    keys_dir: Path
    keys: key_files.OwnKeys

    def rss_peak_kb(self, pid: int | None = None) -> int:
        """The peak resident memory (VmHWM) of the server process, in KiB."""
        status = Path(f"/proc/{pid or self.proc.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the server and its worker processes."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0.0
        todo = [self.proc.pid]
        while todo:
            pid = todo.pop()
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
                fields = stat.rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / ticks
                for task in Path(f"/proc/{pid}/task").iterdir():
                    todo += [int(c) for c in (task / "children").read_text().split()]
            except (OSError, ValueError):
                continue
        return total

    def rss_kb(self, pid: int | None = None) -> int:
        """The resident memory (VmRSS) now, in KiB."""
        status = Path(f"/proc/{pid or self.proc.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]


def init_keys(keys_dir: Path) -> key_files.OwnKeys:
    """`python -m central init-keys` into a folder; the keys it made."""
    env = dict(os.environ, CLMS_CENTRAL_PASSPHRASE=PASS)
    subprocess.run(
        [sys.executable, "-m", "central", "init-keys", "--dir", str(keys_dir), "--name", "State"],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
    )
    return key_files.load_private_file(keys_dir / "central.key", passphrase=PASS)


@contextmanager
def central_process(
    keys_dir: Path, db: str, *, workers: int = 1, extra: list[str] | None = None
) -> Iterator[CentralProcess]:
    """Start `python -m central serve --port 0` and stop it afterwards."""
    keys = (
        key_files.load_private_file(keys_dir / "central.key", passphrase=PASS)
        if (keys_dir / "central.key").exists()
        else init_keys(keys_dir)
    )
    env = dict(os.environ, CLMS_CENTRAL_PASSPHRASE=PASS)
    cmd = [sys.executable, "-m", "central", "serve", "--port", "0", "--workers", str(workers)]
    cmd += ["--db", db, "--keys", str(keys_dir), *(extra or [])]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        m = re.search(r"(https?://127\.0\.0\.1:\d+)", line)
        if not m:
            raise RuntimeError(f"central did not start: {line!r}")
        yield CentralProcess(m.group(1), proc, keys_dir, keys)
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
