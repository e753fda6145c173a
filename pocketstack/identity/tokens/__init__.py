"""Tokens: Fernet keys, the token payload, issue, validation and revocation."""
