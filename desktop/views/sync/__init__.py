"""sync screens."""
