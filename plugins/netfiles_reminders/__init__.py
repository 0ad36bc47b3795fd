"""netfiles bundled plugin: reminders."""
