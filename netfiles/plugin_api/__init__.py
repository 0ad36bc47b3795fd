"""The plugin API: the plugin manager, hook specifications, value types plugins return, trust."""
