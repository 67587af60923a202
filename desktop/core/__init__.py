"""What the window's first paint needs, without SQLAlchemy or the ORM models (issue 22).

- `enums`: the closed vocabularies (re-exported by `desktop.models.enums`).
- `actor`: who acts (re-exported by `desktop.services.core.context`).
- `dbfile`: the database file opened raw, its schema revision against the code's head.
- `first_page`: the children list's rows, the open flags of a page, the start's facts,
  read in plain SQL on the driver's cursor.

Nothing here imports sqlalchemy, `desktop.models` or `desktop.services` (whose package
installs the ORM's write hooks); `tests/test_start_imports.py` checks the window's start.
"""
