"""Alliance: the project's own Python package (safety screen, settings, channels, CLI)."""
