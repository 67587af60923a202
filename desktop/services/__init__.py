"""Use-cases over a Session (the caller owns it). No Qt here.

Importing this package installs the session hooks that version, sequence and audit
every write (`desktop.services.core.tracking`).
"""

from desktop.services.core import audit_chain as _audit_trail  # noqa: F401  (audit tail anchor)
from desktop.services.core import tracking as _tracking  # noqa: F401  (installs the hooks)
from desktop.services.flags import evaluate as _flags  # noqa: F401  (re-evaluates rules on change)
