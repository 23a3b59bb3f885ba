"""The bundled app's entry point (packaging/gridmap.spec): the ``gridmap`` command, ``gridmap.cli:main``."""

import os
import sys

if __name__ == "__main__":
    # The windowed GridMap.exe on Windows has no console: sys.stdout and sys.stderr are None there, and a message
    # written to them would end the app with a traceback nobody sees.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))

    from gridmap.cli import main

    sys.exit(main())
