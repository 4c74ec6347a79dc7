"""The store: the one place that opens SQLite connections, and the typed queries over it.

Every query lives in a module of this package (or a capability's own `queries` module using
`Store`), never in a widget, so a server backend later is a new module, not a rewrite.
"""

from mashdesk.store.connection import Store, StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]
