"""CRM integration: one adapter protocol (built-in SQL, HubSpot, signed webhook) and caller lookup."""
from .base import (CallbackTask, CallSummary, CrmAdapter, CrmContact, CrmError, PermanentCrmError,
                   TemporaryCrmError, UnsupportedOperation)
from .factory import build_crm
from .lookup import choose, lookup_caller
from .phones import to_e164

__all__ = ["CallSummary", "CallbackTask", "CrmAdapter", "CrmContact", "CrmError", "PermanentCrmError",
           "TemporaryCrmError", "UnsupportedOperation", "build_crm", "choose", "lookup_caller", "to_e164"]
