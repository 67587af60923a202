"""Use-cases over a Session (the caller owns it). No Qt here.

Importing this package installs the session hooks that version, sequence and audit
every write (`desktop.services.tracking`).
"""

from desktop.services import audit_trail as _audit_trail  # noqa: F401  (audit tail anchor)
from desktop.services import flags as _flags  # noqa: F401  (re-evaluates rules on change)
from desktop.services import tracking as _tracking  # noqa: F401  (installs the hooks)
