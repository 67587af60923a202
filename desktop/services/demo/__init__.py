"""Invented children for practice folders: never mixed with real ones."""
