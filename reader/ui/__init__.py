"""The Textual user interface (the core never imports this package)."""
