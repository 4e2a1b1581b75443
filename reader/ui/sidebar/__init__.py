"""The sidebar on the right: outline, legend, highlights and keywords panels."""
