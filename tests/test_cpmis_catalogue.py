"""The CPMIS catalogue: the default loads, and a bad catalogue is refused naming key and line."""

from __future__ import annotations

import re

import pytest

from reporting.cpmis.catalogue import DEFAULT_CATALOGUE, make_gid
from reporting.cpmis.loader import CatalogueError, load_catalogue, parse_catalogue

TEXT = DEFAULT_CATALOGUE.read_text(encoding="utf-8")


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_default_catalogue_covers_every_body_and_sub_sector() -> None:
    """The shipped catalogue loads and has CCI, CWC and JJB indicators in the seed's sub-sectors."""
    cat = load_catalogue()
    bodies = {i.body for i in cat.indicators.values()}
    assert bodies == {"cci", "cwc", "jjb"}
    classes = {(i.body, i.class_en) for i in cat.indicators.values()}
    for body, cls in [
        ("cci", "Reporting"),
        ("cci", "Children in CCIs"),
        ("cci", "Staff structure"),
        ("cci", "Infrastructure"),
        ("cci", "Facilities"),
        ("cwc", "Members"),
        ("cwc", "Sittings and attendance"),
        ("cwc", "Children declared free for adoption"),
        ("jjb", "Probation officers' SIRs"),
        ("jjb", "Individual Care Plans"),
        ("jjb", "Legal services"),
        ("cwc", "Lawyers and counsellors"),
        ("cwc", "Disposal of cases"),
        ("jjb", "Final orders"),
    ]:
        assert (body, cls) in classes, (body, cls)
    # Every indicator has names in both languages and a GID; computed ones name a function.
    for i in cat.indicators.values():
        assert i.name_en and i.name_hi and re.match(r"^[0-9A-F-]{36}$", i.gid)
        assert (i.function is None) == (i.source == "entered")
    assert any(i.kind == "case" for i in cat.indicators.values())


def test_gids_follow_the_rule_of_the_default_catalogue() -> None:
    """The default catalogue's GIDs are uuid5(namespace, kind:id): reproducible, never typed."""
    cat = load_catalogue()
    ns = "6C75E45D-6809-596A-A17E-2FD9C7513E2B"
    for i in cat.indicators.values():
        assert i.gid == make_gid(ns, "indicator", i.id), i.id
    for s in cat.subgroups.values():
        assert s.gid == make_gid(ns, "subgroup", s.id), s.id


def test_duplicate_id_is_refused_naming_key_and_line() -> None:
    """A second indicator with an id already used is refused at its own line."""
    first = '[[indicator]]\nid = "cci.stock.end"'
    block_start = TEXT.index(first)
    block = TEXT[block_start : TEXT.index("[[indicator]]", block_start + 5)]
    dup = block.replace('id = "cci.stock.end"', 'id = "cci.stock.end"', 1).replace(
        'gid = "', 'gid = "0', 1
    )
    dup = re.sub(r'gid = "0[0-9A-F]', 'gid = "0', dup, count=1)
    text = TEXT + "\n" + dup
    with pytest.raises(CatalogueError) as e:
        parse_catalogue(text, source="state.toml")
    line = text.count("\n", 0, len(TEXT) + 1 + dup.index('id = "cci.stock.end"')) + 1
    assert f"state.toml, line {line}: indicator 'cci.stock.end'.id: duplicate id" in str(e.value)
    assert f"first used at line {_line_of(TEXT, first) + 1}" in str(e.value)


def test_unknown_function_is_refused_naming_key_and_line() -> None:
    """A computed indicator naming a function that does not exist is refused at that line."""
    text = TEXT.replace('function = "census_at"', 'function = "census_on"', 1)
    with pytest.raises(CatalogueError) as e:
        parse_catalogue(text, source="state.toml")
    line = _line_of(text, 'function = "census_on"')
    assert re.search(
        rf"state\.toml, line {line}: indicator '[a-z_.]+'\.function: unknown function 'census_on'",
        str(e.value),
    )


def test_percent_without_denominator_is_refused_naming_key_and_line() -> None:
    """A percent that has no denominator cannot be recomputed above the CCI: refused."""
    needle = 'denominator = ["cci.rep.registered"]'
    text = TEXT.replace(needle, "", 1)
    with pytest.raises(CatalogueError) as e:
        parse_catalogue(text, source="state.toml")
    assert "'cci.rep.full_quarter_pct'.denominator: percent needs a denominator" in str(e.value)
    assert re.match(r"state\.toml, line \d+: ", str(e.value))


def test_entered_percent_is_refused() -> None:
    """A percent typed in by hand could only be averaged: the catalogue must split it."""
    start = TEXT.index('id = "cci.rep.on_time_pct"')
    end = TEXT.index("[[indicator]]", start)
    block = TEXT[start:end]
    new = re.sub(r'source = "computed"\nfunction = "percent"\n', 'source = "entered"\n', block)
    new = re.sub(r"(numerator|denominator) = \[.*\]\n", "", new)
    with pytest.raises(CatalogueError) as e:
        parse_catalogue(TEXT[:start] + new + TEXT[end:], source="x.toml")
    assert "'cci.rep.on_time_pct'.unit: an entered percent cannot be added up" in str(e.value)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('params = { at = "start" }', 'params = { at = "noon" }', "at must be one of start, end"),
        ('params = { at = "start" }', 'params = { day = "start" }', "census_at takes no parameter"),
        ('unit = "number"', 'unit = "dozens"', "unknown unit 'dozens'"),
        ('subgroups = "cci_sex_age"', 'subgroups = "nope"', "unknown subgroup set 'nope'"),
        ('quarter_rule = "first_month"', 'quarter_rule = "sometimes"', "quarter_rule: must be"),
    ],
)
def test_other_mistakes_name_the_key(old: str, new: str, message: str) -> None:
    """A wrong parameter, unit, subgroup set or quarter rule is refused naming the key."""
    text = TEXT.replace(old, new, 1)
    with pytest.raises(CatalogueError) as e:
        parse_catalogue(text, source="s.toml")
    assert message in str(e.value) and re.match(r"s\.toml, line \d+: ", str(e.value))


def test_a_cycle_between_worked_out_indicators_is_refused() -> None:
    """Two indicators computed from each other would never finish: refused."""
    text = TEXT.replace(
        'params = { ids = ["cci.stock.start", "cci.adm.total"] }',
        'params = { ids = ["cci.stock.start", "cci.in_period.total"] }',
        1,
    )
    with pytest.raises(CatalogueError) as e:
        parse_catalogue(text, source="s.toml")
    assert "cycle: cci.in_period.total -> cci.in_period.total" in str(e.value)


def test_docs_say_where_every_indicator_comes_from() -> None:
    """docs/cpmis.md lists every indicator of the shipped catalogue with its source, and its
    generated part is up to date (tools/cpmis_doc.py)."""
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("cpmis_doc", root / "tools" / "cpmis_doc.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    doc = (root / "docs" / "cpmis.md").read_text(encoding="utf-8")
    assert mod.generate() in doc, "run: python tools/cpmis_doc.py"
    for ind_id in load_catalogue().indicators:
        assert f"| `{ind_id}` |" in doc, ind_id
    assert "counted from case records: `census_at(at=end)`" in doc


def test_the_shared_loader_knows_the_desktops_institution_types():
    from desktop.models.enums import InstitutionType
    from reporting.cpmis.loader import INSTITUTION_TYPES

    assert set(INSTITUTION_TYPES) == {t.value for t in InstitutionType}
