"""The district office: CCIs' bundles from the stick into the district view, its lists,
dashboard, the same child in two homes, and its own CPMIS on to central."""
