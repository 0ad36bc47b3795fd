"""netfiles bundled plugin: health."""
