"""Entry point of the frozen desktop app (mashdesk-gui)."""

import multiprocessing
import sys

from ui.app import main

if __name__ == "__main__":
    # scikit-learn's helpers may start worker processes; a frozen Windows build needs this first.
    multiprocessing.freeze_support()
    sys.exit(main())
