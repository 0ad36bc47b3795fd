"""netfiles bundled plugin: import."""
