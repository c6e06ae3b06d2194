"""Training and evaluation of the satire analyzer: not shipped in the wheel (see the Makefile)."""
