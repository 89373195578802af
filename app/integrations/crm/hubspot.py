"""HubSpot through hubspot-api-client: contacts by phone, the call logged as a call engagement, tasks.

Idempotency: calls and tasks carry a unique-valued custom property (the call SID, the task key), so a
second write becomes a PATCH by `idProperty`, which HubSpot resolves consistently (search is only
eventually consistent and would let a retried job create a twin).
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable, Iterator

from hubspot import HubSpot
from hubspot.crm import contacts as hs_contacts
from hubspot.crm import properties as hs_props
from hubspot.crm.objects import calls as hs_calls
from hubspot.crm.objects import tasks as hs_tasks
from urllib3.util.retry import Retry

from .base import CallbackTask, CallSummary, CrmContact, CrmError, TemporaryCrmError, error_for_status

CALL_TO_CONTACT, TASK_TO_CONTACT = 194, 204  # HUBSPOT_DEFINED association type ids
CONTACT_PROPS = ["firstname", "lastname", "phone", "mobilephone", "email", "hs_language", "notes_last_contacted",
                 "num_contacted_notes", "lastmodifieddate"]
TRUE = {"true", "1", "yes"}


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            return datetime.fromtimestamp(int(value) / 1000, tz=timezone.utc)
        except ValueError:
            return None


class HubSpotCrm:
    """Adapter for HubSpot's CRM v3 API (private-app access token)."""

    name = "hubspot"

    def __init__(self, access_token: str, *, host: str | None = None, timeout: float = 10.0,
                 call_key_property: str = "frontdesk_call_sid", task_key_property: str = "frontdesk_task_key",
                 vip_property: str = "frontdesk_vip", dnc_property: str = "frontdesk_do_not_call") -> None:
        if not access_token:
            raise CrmError("HubSpot needs a private-app access token (FRONTDESK_HUBSPOT_TOKEN)")
        config: dict[str, Any] = {"access_token": access_token, "retry": Retry(total=0, redirect=0)}
        if host:
            config["host"] = host.rstrip("/")
        self.client = HubSpot(**config)
        self.timeout = timeout
        self.call_key, self.task_key = call_key_property, task_key_property
        self.vip_property, self.dnc_property = vip_property, dnc_property
        self._ready: set[str] = set()

    # -- error handling -------------------------------------------------------------------------
    def _call(self, what: str, fn: Callable[..., Any], *args: Any, timeout: float | None = None, **kwargs: Any) -> Any:
        try:
            return fn(*args, _request_timeout=timeout or self.timeout, **kwargs)
        except CrmError:
            raise
        except Exception as exc:  # each hubspot sub-package has its own ApiException class
            status = getattr(exc, "status", None)
            if isinstance(status, int) and status > 0:
                headers = getattr(exc, "headers", None) or {}
                retry_after = headers.get("Retry-After") if hasattr(headers, "get") else None
                raise error_for_status(status, f"HubSpot {what} failed", retry_after) from exc
            raise TemporaryCrmError(f"HubSpot {what} failed: {type(exc).__name__}: {exc}") from exc

    # -- contacts -------------------------------------------------------------------------------
    def _contact(self, obj: Any) -> CrmContact:
        p = obj.properties or {}
        name = " ".join(x for x in (p.get("firstname"), p.get("lastname")) if x) or None
        count = p.get("num_contacted_notes") or "0"
        return CrmContact(
            id=str(obj.id), name=name, phone=p.get("phone") or p.get("mobilephone"), email=p.get("email"),
            vip=str(p.get(self.vip_property) or "").lower() in TRUE,
            do_not_call=str(p.get(self.dnc_property) or "").lower() in TRUE,
            preferred_language=p.get("hs_language") or None, last_interaction_at=_when(p.get("notes_last_contacted")),
            interactions=int(float(count)) if count.replace(".", "", 1).isdigit() else 0,
        )

    def find_contacts(self, phone_e164: str, timeout: float | None = None) -> list[CrmContact]:
        national = phone_e164[2:] if phone_e164.startswith("+1") else phone_e164.lstrip("+")
        groups = [hs_contacts.FilterGroup(filters=[hs_contacts.Filter(property_name=prop, operator="EQ", value=val)])
                  for prop, val in (("phone", phone_e164), ("mobilephone", phone_e164),
                                    ("hs_searchable_calculated_phone_number", national))]
        request = hs_contacts.PublicObjectSearchRequest(
            filter_groups=groups, properties=CONTACT_PROPS + [self.vip_property, self.dnc_property], limit=20)
        page = self._call("contact search", self.client.crm.contacts.search_api.do_search,
                          public_object_search_request=request, timeout=timeout)
        return [self._contact(o) for o in (page.results or [])]

    def iter_contacts(self) -> Iterator[CrmContact]:
        after: str | None = None
        while True:
            kwargs: dict[str, Any] = {"limit": 100, "properties": CONTACT_PROPS + [self.vip_property, self.dnc_property]}
            if after:
                kwargs["after"] = after
            page = self._call("contact listing", self.client.crm.contacts.basic_api.get_page, **kwargs)
            for obj in page.results or []:
                yield self._contact(obj)
            nxt = getattr(getattr(page, "paging", None), "next", None)
            after = getattr(nxt, "after", None)
            if not after:
                return

    # -- idempotent writes ----------------------------------------------------------------------
    def _ensure_property(self, object_type: str, name: str, label: str) -> None:
        if (object_type, name) in self._ready:
            return
        body = hs_props.PropertyCreate(name=name, label=label, type="string", field_type="text",
                                       group_name=f"{object_type[:-1]}information", has_unique_value=True)
        try:
            self._call(f"property setup ({object_type}.{name})", self.client.crm.properties.core_api.create,
                       object_type=object_type, property_create=body)
        except CrmError as exc:
            if getattr(exc, "status", None) != 409:  # 409: it exists already
                raise
        self._ready.add((object_type, name))

    def _upsert(self, api: Any, models: Any, kind: str, key_prop: str, key: str, props: dict[str, Any],
                contact_id: str | None, assoc_type: int) -> str:
        patch = models.SimplePublicObjectInput(properties=props)
        try:
            obj = self._call(f"{kind} update", api.update, key, simple_public_object_input=patch, id_property=key_prop)
            return str(obj.id)
        except CrmError as exc:
            if getattr(exc, "status", None) != 404:
                raise
        assoc = []
        if contact_id:
            assoc = [models.PublicAssociationsForObject(
                to=models.PublicObjectId(id=str(contact_id)),
                types=[models.AssociationSpec(association_category="HUBSPOT_DEFINED", association_type_id=assoc_type)])]
        create = models.SimplePublicObjectInputForCreate(properties={**props, key_prop: key}, associations=assoc)
        try:
            return str(self._call(f"{kind} creation", api.create, simple_public_object_input_for_create=create).id)
        except CrmError as exc:
            if getattr(exc, "status", None) != 409:  # created by a concurrent attempt: update that one
                raise
            return str(self._call(f"{kind} update", api.update, key, simple_public_object_input=patch,
                                  id_property=key_prop).id)

    def upsert_call_summary(self, summary: CallSummary) -> str:
        self._ensure_property("calls", self.call_key, "Frontdesk call SID")
        started, ended = summary.started_at, summary.ended_at
        props = {
            "hs_timestamp": (started or ended or datetime.now(timezone.utc)).isoformat(),
            "hs_call_title": summary.title, "hs_call_body": summary.body, "hs_call_direction": "INBOUND",
            "hs_call_status": "COMPLETED", "hs_call_from_number": summary.phone or "",
        }
        if started and ended:
            props["hs_call_duration"] = str(int((ended - started).total_seconds() * 1000))
        return self._upsert(self.client.crm.objects.calls.basic_api, hs_calls, "call", self.call_key,
                            summary.call_sid, props, summary.contact_id, CALL_TO_CONTACT)

    def create_callback_task(self, task: CallbackTask) -> str:
        self._ensure_property("tasks", self.task_key, "Frontdesk task key")
        due = task.due_at or datetime.now(timezone.utc)
        props = {"hs_timestamp": due.isoformat(), "hs_task_subject": task.title, "hs_task_body": task.body,
                 "hs_task_status": "NOT_STARTED", "hs_task_type": "CALL", "hs_task_priority": "HIGH"}
        return self._upsert(self.client.crm.objects.tasks.basic_api, hs_tasks, "task", self.task_key, task.key,
                            props, task.contact_id, TASK_TO_CONTACT)
