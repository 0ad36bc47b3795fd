"""pytest fixtures for plugin authors."""
