"""CPMIS indicators as data, quarters made from months and consolidation institution ->
district -> state: pure functions both the desktop and central use."""
