"""reader: a terminal reader for interview transcripts."""

__version__ = "0.1.0"
