"""Entry point of the frozen command line (mashdesk): backups, users, settings, rules."""

import multiprocessing

from mashdesk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    main()
