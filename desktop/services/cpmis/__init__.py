"""CPMIS: quarterly indicators of CCIs, CWCs and JJBs (catalogue, computation, returns,
consolidation, DevInfo spreadsheets, factsheet data). No Qt."""
