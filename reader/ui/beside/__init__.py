"""Two documents side by side: the actions, palette commands, pair suggestions, scroll sync."""
