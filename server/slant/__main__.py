"""``python -m slant``: the same as the ``slant`` command."""

from slant.cli import main

main()
