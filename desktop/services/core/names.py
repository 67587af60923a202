"""Name normalisation for matching: the phonetic key now lives in the shared `matching`
package (central uses the same keys); this module keeps the desktop's imports working."""

from __future__ import annotations

from matching.names import delete_schwa, has_devanagari, name_key, to_latin, word_key

__all__ = ["delete_schwa", "has_devanagari", "name_key", "to_latin", "word_key"]
