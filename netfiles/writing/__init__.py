"""Writes to users' files: atomic, locked, in the style the file already uses."""
