"""The transcript in the middle: its Line-API view, wrapping and layout, painting, the reading cursor and selection, speaker colours."""
