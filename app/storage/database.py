"""The SQL connection: SQLite by default, PostgreSQL (or any SQLAlchemy URL) through DATABASE_URL."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from .models import AuditEntry, Base


class DatabaseError(Exception):
    """The database URL is unusable; the message names it and the fix."""


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without a zone; everything Frontdesk stores is UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


class Database:
    """Owns the engine and the session factory; creates the tables on start."""

    def __init__(self, url: str, *, create: bool = True, echo: bool = False) -> None:
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise DatabaseError(f"DATABASE_URL={url!r} is not a database URL; use e.g. "
                                "postgresql://user:pass@host/db or sqlite:///path/file.sqlite3") from None
        self.url = url
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs: dict[str, Any] = {"echo": echo, "future": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 10}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if create:
            self.create_tables()

    def create_tables(self) -> None:
        Base.metadata.create_all(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def audit(self, action: str, subject: str | None = None, **detail: Any) -> None:
        """Append one line to the audit log in its own transaction."""
        with self.session() as s:
            s.add(AuditEntry(action=action, subject=subject, detail=_jsonable(detail)))

    def dispose(self) -> None:
        self.engine.dispose()


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
