"""Live sources of calls for service (Qt-free): PostgreSQL/PostGIS and watched folders.

Each source yields :class:`Batch` objects of rows validated by the calls reader; a
:class:`LiveLayer` grows with them (R-tree index included); a :class:`Feed` runs a
source on a worker thread. The PostgreSQL and folder sources import their drivers
(psycopg, watchdog) only when used.
"""

from layers.live.base import Batch, LiveSource, Validator, validate_rows
from layers.live.feed import Feed, FeedEvent
from layers.live.layer import Appended, LiveLayer

__all__ = [
    "Appended",
    "Batch",
    "Feed",
    "FeedEvent",
    "LiveLayer",
    "LiveSource",
    "Validator",
    "validate_rows",
]
