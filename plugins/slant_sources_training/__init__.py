"""Training and evaluation of the sources analyzer: not shipped in the wheel (see the Makefile)."""
