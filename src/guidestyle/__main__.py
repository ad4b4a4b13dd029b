"""``python -m guidestyle``: the ``guidestyle`` command."""

import sys

try:
    from ._cli import main
except KeyboardInterrupt:  # Ctrl-C before main's own try: the same exit, without a traceback
    sys.stderr.write("interrupted\n")
    sys.exit(130)

sys.exit(main())
