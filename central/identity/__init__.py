"""The same child across homes, at central and at the district office (whose view has
central's tables): candidates, an officer's decisions, absconded children found again.
The matching itself is the shared `matching` package."""
