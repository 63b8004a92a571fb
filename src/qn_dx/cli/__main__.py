"""`python -m qn_dx.cli …` is `qn-dx …`."""

from . import main

main()
