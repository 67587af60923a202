"""Finding the same child in several homes: pure code shared by the desktop, the district
office and central (phonetic name keys in Latin and Devanagari, blocking, scoring with
reasons). It imports nothing of ours and no database layer: callers hand it plain data."""
