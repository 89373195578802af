"""Storage: live call state in Redis, finished calls, CRM data, consent and the audit log in SQL."""
from .call_state import CallStateStore
from .database import Database, DatabaseError, as_utc
from .keys import InvalidKeyError, RedisKeys
from .records import RecordError, load_call, record_call

__all__ = ["CallStateStore", "Database", "DatabaseError", "InvalidKeyError", "RecordError", "RedisKeys",
           "as_utc", "load_call", "record_call"]
