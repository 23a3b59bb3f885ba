"""``python -m gridmap``: same as the ``gridmap`` command."""

import sys

from gridmap.cli import main

sys.exit(main())
