"""A PostgreSQL/PostGIS table or view as a live source (psycopg 3).

Connection: a libpq URI (``postgresql://user@host/db``) or a service name
(``service=control_room`` or just ``control_room``, from ``~/.pg_service.conf`` or
``PGSERVICEFILE``). A password is never written to the project or the audit trail:
give it through the libpq password file (``~/.pgpass`` or ``PGPASSFILE``), the
service file, or ``PGPASSWORD``; one found in a URI is used for the connection but
removed from everything recorded.

New rows are pushed by ``LISTEN/NOTIFY`` (:func:`install_trigger` adds a statement
trigger that notifies on insert), with polling every ``poll_s`` seconds as the
fallback when no trigger is installed. Rows are read in key order after a cursor;
the keys seen in a short look-back (``lookback`` ids or a time span) are kept, so a
row whose transaction committed a little after a later key is still read once, and
a lost connection is retried with back-off without missing or repeating a row.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

import pandas as pd
import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from layers.live.base import Batch, LiveSource, Validator
from layers.validation import DataError

#: The NOTIFY channel of the trigger; the payload is "schema.table".
CHANNEL = "workstation_live"
APPLICATION_NAME = "workstation-live"
_INT_TYPES = {"smallint", "integer", "bigint", "numeric"}
_TIME_TYPES = {"timestamp with time zone", "timestamp without time zone", "date"}

PASSWORD_NOTE = (
    "a password is never saved in the project: use the libpq password file "
    "(~/.pgpass or PGPASSFILE), a service file (PGSERVICEFILE) or PGPASSWORD"
)


def normalise_conninfo(source: str) -> str:
    """A libpq conninfo from a URI, a ``key=value`` string or a bare service name."""
    text = source.strip()
    if "://" in text or "=" in text:
        return text
    return f"service={text}"


def safe_conninfo(source: str) -> str:
    """The connection string without any password, for display and the audit trail."""
    try:
        params = conninfo_to_dict(normalise_conninfo(source))
    except psycopg.ProgrammingError as exc:
        raise DataError(f"not a PostgreSQL connection string: {exc}") from exc
    params.pop("password", None)
    return make_conninfo(**{k: str(v) for k, v in params.items()})


def has_password(source: str) -> bool:
    try:
        return "password" in conninfo_to_dict(normalise_conninfo(source))
    except psycopg.ProgrammingError:
        return False


def split_table(table: str) -> tuple[str, str]:
    """``schema.table`` (or ``table``, in ``public``) as a pair."""
    parts = table.split(".")
    if len(parts) == 1:
        return "public", parts[0]
    if len(parts) == 2 and all(parts):
        return parts[0], parts[1]
    raise DataError(f"not a table name: {table!r} (give table or schema.table)")


def install_trigger(conninfo: str, table: str, *, channel: str = CHANNEL) -> str:
    """Add (or replace) the statement trigger that NOTIFYs ``channel`` on insert.

    Returns the trigger's name. Needs the right to create functions and triggers on
    the table; reading the live feed afterwards needs only SELECT.
    """
    schema, name = split_table(table)
    trigger = f"{name}_workstation_live"
    func = sql.Identifier(schema, "workstation_live_notify")
    body = sql.SQL(
        "CREATE OR REPLACE FUNCTION {func}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN PERFORM pg_notify({chan}, TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME); "
        "RETURN NULL; END $$"
    ).format(func=func, chan=sql.Literal(channel))
    with psycopg.connect(normalise_conninfo(conninfo), autocommit=True) as conn:
        _check_table(conn, schema, name)
        with conn.transaction():
            conn.execute(body)
            conn.execute(
                sql.SQL("DROP TRIGGER IF EXISTS {t} ON {tab}").format(
                    t=sql.Identifier(trigger), tab=sql.Identifier(schema, name)
                )
            )
            conn.execute(
                sql.SQL(
                    "CREATE TRIGGER {t} AFTER INSERT ON {tab} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION {func}()"
                ).format(
                    t=sql.Identifier(trigger),
                    tab=sql.Identifier(schema, name),
                    func=func,
                )
            )
    return trigger


def _check_table(conn: psycopg.Connection, schema: str, name: str) -> None:
    row = conn.execute(
        "SELECT count(*) FROM information_schema.columns "
        "WHERE table_schema = %s AND table_name = %s",
        (schema, name),
    ).fetchone()
    if not row or not row[0]:
        raise DataError(f"no table or view {schema}.{name} in this database")


class PostgresSource(LiveSource):
    """New rows of a table or view, pushed by NOTIFY or polled.

    Parameters
    ----------
    conninfo
        libpq URI, ``key=value`` string or service name (see the module notes on
        passwords).
    table
        ``table`` or ``schema.table`` (a view works too; it needs ``key``).
    key
        The ordering column of the cursor (an integer id or a timestamp); default
        the single-column primary key.
    unique
        A column unique per row (default the primary key, else ``call_id``, else
        ``key``): the look-back remembers these.
    lookback
        How far behind the cursor to look for rows committed late: an int (ids) for
        an integer key, a :class:`datetime.timedelta` for a time key.
    batch_rows
        At most this many rows a batch.
    poll_s
        Poll interval when no NOTIFY arrives.
    validator
        Shared :class:`Validator` (mapping overrides, time zone, grades).
    start_after
        Begin after this key (e.g. the last id already loaded); ``"latest"``
        after the largest key in the table now (follow new rows only); None reads
        the whole table first.
    """

    def __init__(
        self,
        conninfo: str,
        table: str,
        *,
        key: str | None = None,
        unique: str | None = None,
        lookback: int | dt.timedelta | None = None,
        batch_rows: int = 50_000,
        poll_s: float = 5.0,
        channel: str = CHANNEL,
        validator: Validator | None = None,
        backoff_s: tuple[float, float] = (0.2, 10.0),
        start_after: Any = None,
    ) -> None:
        super().__init__(poll_s=poll_s)
        self.conninfo = normalise_conninfo(conninfo)
        self.schema, self.table = split_table(table)
        self.name = f"{self.schema}.{self.table}"
        self._key, self._unique = key, unique
        self._lookback = lookback
        self.batch_rows = int(batch_rows)
        self.channel = channel
        self.validator = validator or Validator()
        self.backoff_s = backoff_s
        self._delay = backoff_s[0]
        self._conn: psycopg.Connection | None = None
        self._wake = threading.Event()
        self._last: Any = start_after
        self._floor: Any = None
        self._seen: dict[Any, Any] = {}
        self._select: sql.Composable | None = None
        #: what happened to the connection (losses, retries), newest last
        self.events: list[str] = []
        self.reconnects = 0

    # -- connection --------------------------------------------------------
    def _connect(self) -> psycopg.Connection:
        if self._conn is not None and not self._conn.closed:
            return self._conn
        conn = psycopg.connect(
            self.conninfo,
            autocommit=True,
            application_name=APPLICATION_NAME,
            connect_timeout=10,
        )
        try:
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
            if self._select is None:
                self._prepare(conn)
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        self._delay = self.backoff_s[0]
        return conn

    def _on_notify(self, n: psycopg.Notify) -> None:
        if n.channel == self.channel and n.payload in (self.name, self.table, ""):
            self._wake.set()

    def _lost(self, exc: Exception) -> None:
        self.events.append(
            f"connection lost ({type(exc).__name__}: {str(exc).strip()[:120]}); "
            f"retrying in {self._delay:.1f} s"
        )
        self.reconnects += 1
        try:
            if self._conn is not None:
                self._conn.close()
        except Exception:  # already broken
            pass
        self._conn = None
        self._stop.wait(self._delay)
        self._delay = min(self._delay * 2, self.backoff_s[1])

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # -- schema --------------------------------------------------------------
    def _prepare(self, conn: psycopg.Connection) -> None:
        cols = conn.execute(
            "SELECT column_name, data_type, udt_name FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position",
            (self.schema, self.table),
        ).fetchall()
        if not cols:
            raise DataError(f"no table or view {self.name} in this database")
        types = {c: t for c, t, _u in cols}
        pk = self._primary_key(conn)
        key = self._key or pk
        if key is None:
            raise DataError(
                f"{self.name} has no single-column primary key: name the cursor "
                "column with --key (an increasing id or a time)",
                source=self.name,
            )
        if key not in types:
            raise DataError(f"no column {key!r} in {self.name}", source=self.name)
        unique = self._unique or pk or ("call_id" if "call_id" in types else key)
        self._key, self._unique, self._key_type = key, unique, types[key]
        if isinstance(self._last, str) and self._last == "latest":
            row = conn.execute(
                sql.SQL("SELECT max({k}) FROM {t}").format(
                    k=sql.Identifier(key), t=sql.Identifier(self.schema, self.table)
                )
            ).fetchone()
            self._last = row[0] if row else None
        self._floor = self._last  # never look back before where we were told to start
        if self._lookback is None:
            self._lookback = (
                2000 if types[key] in _INT_TYPES else dt.timedelta(minutes=1)
            )
        items: list[sql.Composable] = []
        for name, _t, udt in cols:
            ident = sql.Identifier(name)
            if udt in ("geometry", "geography"):
                items.extend(self._geometry_items(conn, name))
            else:
                items.append(ident)
        items.append(sql.SQL("{} AS __key").format(sql.Identifier(key)))
        items.append(sql.SQL("{}::text AS __uid").format(sql.Identifier(unique)))
        self._select = sql.SQL(", ").join(items)

    def _primary_key(self, conn: psycopg.Connection) -> str | None:
        rows = conn.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a "
            "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
            "WHERE i.indrelid = %s::regclass AND i.indisprimary",
            (f'"{self.schema}"."{self.table}"',),
        ).fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def _geometry_items(
        self, conn: psycopg.Connection, col: str
    ) -> list[sql.Composable]:
        """A geometry column as x/y of a point on it, and its CRS for the reader."""
        ident = sql.Identifier(col)
        row = conn.execute(
            sql.SQL(
                "SELECT ST_SRID({c}::geometry) FROM {t} WHERE {c} IS NOT NULL LIMIT 1"
            ).format(c=ident, t=sql.Identifier(self.schema, self.table))
        ).fetchone()
        srid = int(row[0]) if row else 0
        mapping = dict(self.validator.mapping or {})
        if not any(k in mapping for k in ("x", "lon", "easting", "point")):
            mapping.update({"x": f"{col}_x", "y": f"{col}_y"})
            if srid:
                mapping.setdefault("source_crs", f"EPSG:{srid}")
            self.validator.mapping = mapping
        point = sql.SQL("ST_PointOnSurface({}::geometry)").format(ident)
        return [
            sql.SQL("ST_X({p}) AS {n}").format(p=point, n=sql.Identifier(f"{col}_x")),
            sql.SQL("ST_Y({p}) AS {n}").format(p=point, n=sql.Identifier(f"{col}_y")),
        ]

    # -- reading -------------------------------------------------------------
    @property
    def cursor(self) -> dict[str, Any]:
        last = (
            self._last.isoformat() if hasattr(self._last, "isoformat") else self._last
        )
        return {"key": self._key, "last": last, "lookback_held": len(self._seen)}

    def _low(self) -> Any:
        if self._last is None:
            return None
        low = self._last
        if isinstance(self._last, int) and isinstance(self._lookback, int):
            low = self._last - self._lookback
        elif isinstance(self._last, dt.datetime | dt.date) and isinstance(
            self._lookback, dt.timedelta
        ):
            low = self._last - self._lookback
        if self._floor is not None and low < self._floor:
            low = self._floor
        return low

    def _fetch(self, conn: psycopg.Connection) -> pd.DataFrame:
        low = self._low()
        where = sql.SQL("TRUE")
        params: dict[str, Any] = {"n": self.batch_rows}
        if low is not None:
            where = sql.SQL("{k} > %(low)s AND NOT ({u}::text = ANY(%(seen)s))").format(
                k=sql.Identifier(self._key), u=sql.Identifier(self._unique)
            )
            params.update(low=low, seen=list(self._seen))
        query = sql.SQL(
            "SELECT {sel} FROM {t} WHERE {w} ORDER BY {k} LIMIT %(n)s"
        ).format(
            sel=self._select,
            t=sql.Identifier(self.schema, self.table),
            w=where,
            k=sql.Identifier(self._key),
        )
        with conn.cursor() as cur:
            cur.execute(query, params)
            names = [d.name for d in cur.description]
            return pd.DataFrame(cur.fetchall(), columns=names, dtype=object)

    def _advance(self, rows: pd.DataFrame) -> None:
        for uid, key in zip(rows["__uid"], rows["__key"], strict=True):
            self._seen[uid] = key
        top = rows["__key"].max()
        if self._last is None or top > self._last:
            self._last = top.item() if hasattr(top, "item") else top
        low = self._low()
        if low is not None:
            self._seen = {u: k for u, k in self._seen.items() if k > low}

    def poll(self) -> list[Batch]:
        """Read every row after the cursor (in batches of ``batch_rows``)."""
        out: list[Batch] = []
        self._wake.clear()
        while not self._stop.is_set():
            try:
                conn = self._connect()
                rows = self._fetch(conn)
            except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
                self._lost(exc)
                return out
            if not len(rows):
                break
            keys = rows["__key"].tolist()
            raw = rows.drop(columns=["__key", "__uid"])
            frame, report = self.validator(raw, source=self.name, keys=keys)
            self._advance(rows)
            out.append(Batch(frame, report, self.cursor))
            if len(rows) < self.batch_rows:
                break
        return out

    def wait(self, timeout: float) -> bool:
        """Block until a NOTIFY for this table or ``timeout`` seconds."""
        if self._wake.is_set():
            return True
        if self._conn is None:
            self._stop.wait(min(timeout, self._delay))
            return False
        end = time.monotonic() + timeout
        try:
            # notifications that came during a query wait in psycopg's backlog
            while not self._stop.is_set() and not self._wake.is_set():
                left = end - time.monotonic()
                if left <= 0:
                    break
                for n in self._conn.notifies(timeout=min(left, 0.5), stop_after=1):
                    self._on_notify(n)
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            self._lost(exc)
            return False
        return self._wake.is_set()
