"""start screens."""
