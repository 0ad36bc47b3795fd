"""The objects everything else works with: contacts, interactions, diagnostics, dates, settings."""
