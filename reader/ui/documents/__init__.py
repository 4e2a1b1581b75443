"""The document list on the left and what it shows of each document."""
