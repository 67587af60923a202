"""`python -m central peers ...`: other states' centrals, for transfers between states
(issue 20; `central.peers` holds the rules, `central.peer_net` the requests).

python -m central peers add KEYFILE --state 20 --name N --url URL --fingerprint "..."
python -m central peers list | remove --state 20 | refresh [--state 20] | forward
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bundle_format.keys import OwnKeys, read_public_key_file
from central import peers
from central.schema import writer


def add_parser(sub: Any, db: Callable[[argparse.ArgumentParser], None]) -> None:
    """The `peers` command and its subcommands."""
    pe = sub.add_parser("peers", help="other states' centrals (transfers between states)")
    ps = pe.add_subparsers(dest="pcmd", required=True)
    x = ps.add_parser("add", help="register another state's central (fingerprint by phone)")
    x.add_argument("keyfile", type=Path, help="that central's central.pub")
    x.add_argument("--state", type=int, required=True, help="its LGD state code")
    x.add_argument("--name", required=True, help='e.g. "Jharkhand State"')
    x.add_argument("--url", required=True, help="its address, https://host[:port]")
    x.add_argument("--fingerprint", required=True, help="as its administrator read it out")
    x.add_argument("--by")
    db(x)
    x = ps.add_parser("list", help="the peers, their CCIs known here, forwards waiting")
    db(x)
    x = ps.add_parser("remove", help="forget a peer central and its directory (logged)")
    x.add_argument("--state", type=int, required=True)
    x.add_argument("--by")
    db(x)
    x = ps.add_parser("refresh", help="fetch the peers' signed directories of CCIs")
    x.add_argument("--state", type=int, help="only this peer")
    db(x)
    x = ps.add_parser("forward", help="send the waiting packets and acknowledgements again")
    db(x)


def run(args: argparse.Namespace, engine: Engine, *, keys: Callable[[], OwnKeys], who: str) -> int:
    """Run `peers add|list|remove|refresh|forward`; `keys` opens central's own key (it
    signs the requests to the peers), `who` is the administrator logged."""
    from central import peer_net  # (requests: loaded only for the commands that go out)

    if args.pcmd in ("refresh", "forward"):
        own = keys()
        if args.pcmd == "refresh":
            for code, got in peer_net.refresh(engine, own, state_code=args.state).items():
                print(f"state {code}: " + (f"{got} CCI(s)" if isinstance(got, int) else got))
            return 0
        tried = peer_net.forward_waiting(engine, own)
        for t in tried:
            print(f"{t.kind} {t.packet_id} to state {t.state_code}: {t.status} {t.message}")
        print(f"{sum(t.status == 'done' for t in tried)} of {len(tried)} sent.")
        return 0 if all(t.status == "done" for t in tried) else 2
    with Session(writer(engine)) as s, s.begin():
        if args.pcmd == "add":
            pub = read_public_key_file(args.keyfile)
            p = peers.add_peer(
                s,
                state_code=args.state,
                name=args.name,
                url=args.url,
                public=pub,
                fingerprint_read=args.fingerprint,
                by=who,
            )
            print(
                f"Registered: {p.name} (state {p.state_code}) at {p.url}, fingerprint "
                f"{pub.fingerprint} (logged). Fetch its directory: python -m central peers "
                "refresh"
            )
            return 0
        if args.pcmd == "remove":
            peers.remove_peer(s, state_code=args.state, by=who)
            print(f"State {args.state}'s central removed (logged).")
            return 0
        found = peers.list_peers(s)
        if not found:
            print("No peer centrals registered.")
        for p, n, waiting in found:
            when = f"{p.directory_at:%Y-%m-%d %H:%M}" if p.directory_at else "never"
            fp = peers.peer_public(p).fingerprint
            print(
                f"state {p.state_code:>2}  {p.name}  {p.url}  fingerprint {fp}  "
                f"{n} CCI(s), directory fetched {when}, {waiting} forward(s) waiting"
            )
        return 0
