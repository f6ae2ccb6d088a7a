"""copydesk's built-in scorers, each a plugin registered through an entry point."""
