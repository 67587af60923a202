"""Encryption at rest: an install's data key, where it is kept, and what it encrypts.

- `secret`: the data key (one random secret), the keys derived from it, the recovery key.
- `store`: the key file, the OS keyring or a passphrase, unlocking and recovery.
- `sqlite`: SQLCipher connections (the database files are encrypted whole).
- `files`: attachment files (scans, photos) sealed with AES-256-GCM.
- `passwords`: the common passwords refused for logins and passphrases.
- `viewing`: a private folder for files opened in the computer's own viewer.

No SQLAlchemy here: the rules' worker processes use `sqlite` too. See docs/security.md.
"""
