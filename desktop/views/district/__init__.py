"""district screens."""
