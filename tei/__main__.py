"""``python -m tei``: the same as the ``tei`` command."""

from tei.cli import main

main()
