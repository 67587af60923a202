"""The bundle format shared by installs, district offices and central: keys, bundles,
receipts, canonical JSON and the audit chain. No database, no GUI: only `cryptography`."""
