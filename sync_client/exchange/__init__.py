"""What an install sends and receives: its keys, the outbox of bundles, upload to
central, the USB stick, and transfer packets over either."""
