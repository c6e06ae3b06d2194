"""Training and evaluation of the opinion analyzer: not shipped in the wheel (see the Makefile)."""
