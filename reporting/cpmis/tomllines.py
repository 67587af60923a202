"""Finding the line of a key in a TOML file, for error messages that name key and line."""

from __future__ import annotations

import re
from typing import Any

from reporting.cpmis.catalogue import CatalogueError

_GID = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")
_ID = re.compile(r"^[a-z][a-z0-9_.]{0,79}$")


class Lines:
    """Finds the line of a table, an array-of-tables entry, or a key inside them."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.arrays: dict[str, list[int]] = {}
        self.tables: dict[str, int] = {}
        for i, line in enumerate(self.lines):
            s = line.strip()
            m = re.match(r"^\[\[\s*([A-Za-z0-9_.]+)\s*\]\]", s)
            if m:
                self.arrays.setdefault(m.group(1), []).append(i)
                continue
            m = re.match(r"^\[\s*([A-Za-z0-9_.\"-]+)\s*\]", s)
            if m:
                self.tables[m.group(1).replace('"', "")] = i

    def _key_in(self, start: int, key: str | None) -> int:
        if key is None:
            return start + 1
        for j in range(start + 1, len(self.lines)):
            s = self.lines[j].strip()
            if s.startswith("["):
                break
            if s.split("=", 1)[0].strip().strip('"') == key:
                return j + 1
        return start + 1

    def entry(self, array: str, index: int, key: str | None = None) -> int | None:
        """Line of key `key` of entry `index` of `[[array]]` (of the entry if no key)."""
        starts = self.arrays.get(array, [])
        if index >= len(starts):
            return None
        return self._key_in(starts[index], key)

    def table(self, name: str, key: str | None = None) -> int | None:
        """Line of `[name]` or of a key in it."""
        if name not in self.tables:
            return None
        return self._key_in(self.tables[name], key)


class Loader:
    """A catalogue's text being checked: raises errors that name the key and its line."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.lines = Lines(text)

    def fail(self, where: str, msg: str, line: int | None) -> CatalogueError:
        """The error for `where` (a key's dotted name) at a line."""
        place = f"{self.source}, line {line}" if line else self.source
        return CatalogueError(f"{place}: {where}: {msg}")

    def in_entry(self, array: str, index: int, label: str, key: str | None, msg: str) -> None:
        """Refuse a key of entry `index` of `[[array]]`."""
        name = f"{label}.{key}" if key else label
        raise self.fail(name, msg, self.lines.entry(array, index, key))

    def in_table(self, table: str, key: str | None, msg: str) -> None:
        """Refuse a key of `[table]`."""
        name = f"{table}.{key}" if key else table
        raise self.fail(name, msg, self.lines.table(table, key))


def is_text(x: Any) -> bool:
    """A text that is not blank."""
    return isinstance(x, str) and bool(x.strip())


def is_int(x: Any) -> bool:
    """A whole number (not a bool)."""
    return isinstance(x, int) and not isinstance(x, bool)


def check_unique(ld: Loader, array: str, entries: list[Any], seen_gids: set[str]) -> None:
    """Each entry of an array of tables has a well-formed, unique id and GID and both names."""
    ids: dict[str, int] = {}
    for n, e in enumerate(entries):
        label = f"{array}[{n}]"
        if not isinstance(e, dict):
            ld.in_entry(array, n, label, None, "must be a table")
        if not isinstance(e.get("id"), str) or not _ID.match(e["id"]):
            ld.in_entry(array, n, label, "id", "is required: lower-case letters, digits, _ and .")
        if e["id"] in ids:
            first = ld.lines.entry(array, ids[e["id"]], "id")
            ld.in_entry(
                array, n, f"{array} '{e['id']}'", "id", f"duplicate id (first used at line {first})"
            )
        ids[e["id"]] = n
        g = e.get("gid")
        if not isinstance(g, str) or not _GID.match(g):
            ld.in_entry(array, n, f"{array} '{e['id']}'", "gid", "must be a GUID (DevInfo GID)")
        if g.upper() in seen_gids:
            ld.in_entry(array, n, f"{array} '{e['id']}'", "gid", "this GID is used twice")
        seen_gids.add(g.upper())
        for key in ("name_en", "name_hi"):
            if not is_text(e.get(key)):
                ld.in_entry(array, n, f"{array} '{e['id']}'", key, "a name is required")
