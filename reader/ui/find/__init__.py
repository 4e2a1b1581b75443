"""Finding: the find bar, corpus search, its palette commands, watch-words."""
