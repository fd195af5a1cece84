"""The mirror generator, one module per site (run data/mirror/build.py)."""
