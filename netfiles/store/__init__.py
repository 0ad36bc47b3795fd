"""The store: the SQLite index and the Vault that answers commands from it."""
