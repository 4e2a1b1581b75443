"""Script conversion (simplified/traditional Chinese): text display and the per-document modes."""
