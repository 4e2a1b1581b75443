"""Highlights, notes and quotes: the controller, note editor, colour picker, copying, swatches."""
