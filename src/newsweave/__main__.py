"""`python -m newsweave`: the same command as `newsweave`, for when the script is not on PATH."""

import sys

from newsweave.cli import main

if __name__ == "__main__":
    sys.exit(main())
