"""Printed documents (reportlab): case summary, entitlement card and sheet, CWC file. No Qt."""
