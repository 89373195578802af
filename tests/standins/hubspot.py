"""A local HubSpot CRM v3 stand-in: the endpoints Frontdesk uses, with HubSpot's error shapes.

Faults are scripted per path prefix: `inject(500, times=3)`, `inject(429, retry_after=2)`, a wrong
token gets 401. `hold_seconds` delays responses AFTER the write is applied (a worker killed while
waiting has already written, which is what makes retries dangerous).
"""
from __future__ import annotations

import itertools
import json
import re
import threading
import time
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

STANDARD_PREFIXES = ("hs_",)
CONTACT_FIELDS = {"firstname", "lastname", "phone", "mobilephone", "email", "notes_last_contacted",
                  "num_contacted_notes", "lastmodifieddate", "frontdesk_vip", "frontdesk_do_not_call"}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")


def _error(status: int, category: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"status": "error", "message": message, "correlationId": str(uuid.uuid4()), "category": category, **extra}


class HubSpotStandIn:
    """State plus an HTTP server on 127.0.0.1; use as a context manager."""

    def __init__(self, token: str = "test-token", port: int = 0) -> None:
        self.token = token
        self.lock = threading.RLock()
        self.objects: dict[str, dict[str, dict[str, Any]]] = {"contacts": {}, "calls": {}, "tasks": {}}
        self.unique_props: dict[str, set[str]] = {"contacts": set(), "calls": set(), "tasks": set()}
        self.associations: dict[str, list[dict[str, Any]]] = {}
        self.faults: list[dict[str, Any]] = []
        self.requests: list[tuple[str, str, int]] = []
        self.hold_seconds = 0.0
        self.fault_rate = 0.0  # share of write requests that fail at random (500, or 429 with Retry-After: 1)
        self._rng = __import__("random").Random(7)
        self.lookup_delay = 0.0
        self._ids = itertools.count(1001)
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- test controls -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def inject(self, status: int, times: int = 1, *, retry_after: str | None = None, path: str = "/") -> None:
        with self.lock:
            self.faults.append({"status": status, "times": times, "retry_after": retry_after, "path": path})

    def add_contact(self, **props: Any) -> str:
        with self.lock:
            oid = str(next(self._ids))
            self.objects["contacts"][oid] = {"id": oid, "properties": {k: str(v) for k, v in props.items()},
                                             "createdAt": _now(), "updatedAt": _now(), "archived": False}
            return oid

    def calls(self) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.objects["calls"].values())

    def count(self, method: str, prefix: str, status: int | None = None) -> int:
        with self.lock:
            return sum(1 for m, p, s in self.requests if m == method and p.startswith(prefix)
                       and (status is None or s == status))

    def start(self) -> "HubSpotStandIn":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> "HubSpotStandIn":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- request handling ----------------------------------------------------------------------
    def _fault(self, path: str) -> dict[str, Any] | None:
        with self.lock:
            if self.fault_rate and path.startswith("/crm/v3/objects/calls") and self._rng.random() < self.fault_rate:
                return {"status": 429, "retry_after": "1"} if self._rng.random() < 0.3 else {"status": 500}
            for fault in self.faults:
                if path.startswith(fault["path"]) and fault["times"] > 0:
                    fault["times"] -= 1
                    return fault
        return None

    def _known(self, otype: str, prop: str) -> bool:
        return prop.startswith(STANDARD_PREFIXES) or prop in self.unique_props[otype] or \
            (otype == "contacts" and prop in CONTACT_FIELDS)

    def _find_unique(self, otype: str, prop: str, value: str) -> dict[str, Any] | None:
        return next((o for o in self.objects[otype].values() if o["properties"].get(prop) == value), None)

    def handle(self, method: str, path: str, query: dict[str, str], body: Any) -> tuple[int, dict[str, Any], dict[str, str]]:
        m = re.fullmatch(r"/crm/v3/properties/(\w+)", path)
        if m and method == "POST":
            otype, name = m.group(1), body.get("name", "")
            if name in self.unique_props.setdefault(otype, set()):
                return 409, _error(409, "OBJECT_ALREADY_EXISTS", f"A property named '{name}' already exists."), {}
            self.unique_props[otype].add(name)
            return 201, {"name": name, "label": body.get("label", name), "type": body.get("type", "string"),
                         "fieldType": body.get("fieldType", "text"), "groupName": body.get("groupName", ""),
                         "description": "", "options": [], "hasUniqueValue": bool(body.get("hasUniqueValue"))}, {}
        if path == "/crm/v3/objects/contacts/search" and method == "POST":
            if self.lookup_delay:
                time.sleep(self.lookup_delay)
            hits = []
            for obj in self.objects["contacts"].values():
                for group in body.get("filterGroups", []):
                    if all(obj["properties"].get(f["propertyName"]) == f.get("value") for f in group.get("filters", [])):
                        hits.append(obj)
                        break
            return 200, {"total": len(hits), "results": hits}, {}
        if path == "/crm/v3/objects/contacts" and method == "GET":
            items = sorted(self.objects["contacts"].values(), key=lambda o: int(o["id"]))
            start, limit = int(query.get("after", 0)), int(query.get("limit", 10))
            page = {"results": items[start:start + limit]}
            if start + limit < len(items):
                page["paging"] = {"next": {"after": str(start + limit), "link": "?after=" + str(start + limit)}}
            return 200, page, {}
        m = re.fullmatch(r"/crm/v3/objects/(calls|tasks)", path)
        if m and method == "POST":
            return self._create(m.group(1), body)
        m = re.fullmatch(r"/crm/v3/objects/(calls|tasks)/([^/]+)", path)
        if m and method in ("PATCH", "GET"):
            otype, oid = m.group(1), m.group(2)
            prop = query.get("idProperty")
            obj = self._find_unique(otype, prop, oid) if prop else self.objects[otype].get(oid)
            if obj is None:
                return 404, _error(404, "OBJECT_NOT_FOUND", f"resource not found: {oid}"), {}
            if method == "PATCH":
                bad = [p for p in body.get("properties", {}) if not self._known(otype, p)]
                if bad:
                    return 400, _error(400, "VALIDATION_ERROR", f"Property values were not valid: {bad}"), {}
                obj["properties"].update({k: str(v) for k, v in body.get("properties", {}).items()})
                obj["updatedAt"] = _now()
            return 200, obj, {}
        return 404, _error(404, "OBJECT_NOT_FOUND", f"no route {method} {path}"), {}

    def _create(self, otype: str, body: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        props = {k: str(v) for k, v in (body.get("properties") or {}).items()}
        bad = [p for p in props if not self._known(otype, p)]
        if bad:
            return 400, _error(400, "VALIDATION_ERROR", f"Property values were not valid: {bad}"), {}
        for prop in self.unique_props[otype]:
            if prop in props and self._find_unique(otype, prop, props[prop]):
                return 409, _error(409, "CONFLICT", f"A {otype[:-1]} with {prop}={props[prop]} already exists."), {}
        oid = str(next(self._ids))
        obj = {"id": oid, "properties": props, "createdAt": _now(), "updatedAt": _now(), "archived": False}
        self.objects[otype][oid] = obj
        self.associations[oid] = body.get("associations") or []
        return 201, obj, {}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self, method: str) -> None:
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                headers: dict[str, str] = {}
                if self.headers.get("Authorization") != f"Bearer {standin.token}":
                    status, payload = 401, _error(401, "INVALID_AUTHENTICATION",
                                                  "Authentication credentials not found.")
                elif (fault := standin._fault(url.path)) is not None:
                    status = fault["status"]
                    if status == 429:
                        payload = _error(429, "RATE_LIMITS", "You have reached your secondly limit.",
                                         errorType="RATE_LIMIT", policyName="SECONDLY")
                        if fault["retry_after"] is not None:
                            headers["Retry-After"] = fault["retry_after"]
                    else:
                        payload = _error(status, "INTERNAL_ERROR" if status >= 500 else "VALIDATION_ERROR",
                                         "internal error" if status >= 500 else "bad request")
                else:
                    try:
                        body = json.loads(raw) if raw else {}
                    except ValueError:
                        body = None
                    if not isinstance(body, dict):
                        status, payload = 400, _error(400, "VALIDATION_ERROR", "Invalid input JSON")
                    else:
                        with standin.lock:
                            status, payload, headers = standin.handle(method, url.path, query, body)
                        if (standin.hold_seconds and method in ("POST", "PATCH") and status in (200, 201)
                                and url.path.startswith("/crm/v3/objects/") and "/search" not in url.path):
                            time.sleep(standin.hold_seconds)
                with standin.lock:
                    standin.requests.append((method, url.path, status))
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def do_PATCH(self) -> None:
                self._serve("PATCH")

        return Handler
