"""The mirror generator, one module per site (run syndicate/data/mirror/build.py)."""
