"""`clms`, the command line: `main` parses and runs; one module per area of commands."""
