"""review screens."""
