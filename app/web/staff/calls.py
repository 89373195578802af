"""The call page (/staff/calls/<call_sid>, the link in staff text messages), its live JSON, and the history."""
from __future__ import annotations

from typing import Any

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from app.engine.session import OUTCOMES

from .auth import role_required
from .blueprint import bp
from .call_data import FoundCall, contacts_for, find_call, recent_calls
from .feedback_store import Review, reviews_for_call, save_review
from .forms import FeedbackForm
from .history import parse_filter, search_calls
from .live_view import call_detail
from .services import staff_services

MAX_SID = 64


def _load(call_sid: str) -> FoundCall:
    found = find_call(staff_services(), call_sid) if len(call_sid) <= MAX_SID else None
    if found is None:
        abort(404)
    return found


def _detail(found: FoundCall) -> dict[str, Any]:
    svc = staff_services()
    return call_detail(found.data, svc.clock(), svc.zone, svc.member_name)


def _page(call_sid: str, found: FoundCall, form: FeedbackForm, status: int = 200) -> Any:
    svc = staff_services()
    detail = _detail(found)
    return render_template(
        "staff/call.html", call=detail, call_sid=call_sid, source=found.source, form=form,
        contacts=contacts_for(svc, detail["caller"]["number"]),
        recent=recent_calls(svc, detail["caller"]["number"], exclude=call_sid),
        reviews=reviews_for_call(svc.db, call_sid, svc.zone), poll_ms=1500), status


@bp.get("/calls/<call_sid>")
@role_required("staff")
def call_page(call_sid: str) -> Any:
    form = FeedbackForm().with_call_types(staff_services().call_types)
    return _page(call_sid, _load(call_sid), form)


@bp.get("/calls/<call_sid>/live.json")
@role_required("staff")
def call_json(call_sid: str) -> Any:
    return jsonify(_detail(_load(call_sid)))


@bp.post("/calls/<call_sid>/feedback")
@role_required("staff")
def call_feedback(call_sid: str) -> Any:
    found = _load(call_sid)
    svc = staff_services()
    form = FeedbackForm().with_call_types(svc.call_types)
    if not form.validate_on_submit():
        return _page(call_sid, found, form, status=400)
    review = Review(call_type_right=form.call_type_right.data == "yes", right_call_type=form.right_call_type.data or None,
                    should_have_escalated=form.should_have_escalated.data == "yes",
                    answer_right=form.answer_right.data, comment=form.comment.data or "")
    save_review(svc.db, call_sid, current_user.id, review, found.data.get("call_type"))
    flash("Thank you: your feedback on this call is saved.")
    return redirect(url_for("staff.call_page", call_sid=call_sid) + "#feedback")


@bp.get("/calls")
@role_required("staff")
def history() -> Any:
    svc = staff_services()
    flt = parse_filter(request.args, svc.call_types)
    page = search_calls(svc, flt)
    return render_template("staff/history.html", page=page, flt=flt, outcomes=OUTCOMES, call_types=svc.call_types)
