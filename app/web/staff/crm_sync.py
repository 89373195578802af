"""CRM pushes that failed for good, each with a retry button (a CSRF-protected POST)."""
from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.storage.records import SUMMARY

from .auth import role_required
from .blueprint import bp
from .forms import ActionForm
from .services import staff_services
from .sync_store import WHAT, failed_pushes, outbox_counts, retry_push


@bp.get("/crm-sync")
@role_required("operator")
def crm_sync() -> Any:
    svc = staff_services()
    return render_template("staff/crm_sync.html", rows=failed_pushes(svc), counts=outbox_counts(svc),
                           form=ActionForm())


@bp.post("/crm-sync/<call_sid>/retry")
@role_required("operator")
def crm_retry(call_sid: str) -> Any:
    kind = request.form.get("kind", SUMMARY)
    what = WHAT.get(kind, "push")
    if retry_push(staff_services(), call_sid[:64], current_user.email, kind):
        flash(f"The {what} of {call_sid} is queued again.")
    else:
        flash(f"{call_sid[:64]} has no failed {what} to retry (already delivered, or unknown).")
    return redirect(url_for("staff.crm_sync"))
