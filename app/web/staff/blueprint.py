"""The staff blueprint: /staff/* pages, their templates, static files, navigation and error pages."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from .security import add_headers

bp = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates", static_folder="static",
               static_url_path="/static")

NAV = (  # (label, path, lowest role that sees it)
    ("Live", "/staff/", "staff"),
    ("History", "/staff/calls", "staff"),
    ("Feedback", "/staff/feedback", "operator"),
    ("Contacts", "/staff/contacts", "operator"),
    ("CRM sync", "/staff/crm-sync", "operator"),
    ("Test call", "/staff/test-call", "operator"),
)


def duration(seconds: Any) -> str:
    """90 -> '1:30', 3725 -> '1:02:05'; unknown -> ''."""
    if not isinstance(seconds, (int, float)) or seconds < 0:
        return ""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def words(value: Any) -> str:
    """'book_appointment' -> 'book appointment' for display."""
    return str(value or "").replace("_", " ")


@bp.app_template_filter("duration")
def _duration_filter(seconds: Any) -> str:
    return duration(seconds)


@bp.app_template_filter("words")
def _words_filter(value: Any) -> str:
    return words(value)


@bp.context_processor
def _navigation() -> dict[str, Any]:
    user = current_user if current_user.is_authenticated else None
    items = [(label, path) for label, path, role in NAV if user is not None and user.can(role)]
    return {"nav": items, "user": user, "path": request.path}


@bp.after_request
def _headers(response: Any) -> Any:
    return add_headers(response)


def _error(status: int, title: str, message: str) -> Any:
    if request.path.endswith(".json") or request.accept_mimetypes.best == "application/json":
        return jsonify(error=message), status
    return render_template("staff/error.html", status=status, title=title, message=message), status


@bp.errorhandler(403)
def _forbidden(_exc: Exception) -> Any:
    return _error(403, "Not allowed", "Your role does not include this page. Ask an administrator if you need it.")


@bp.errorhandler(404)
def _not_found(_exc: Exception) -> Any:
    return _error(404, "Not found", "There is no such call, contact or page.")


@bp.errorhandler(CSRFError)
def _csrf_failed(exc: CSRFError) -> Any:
    return _error(400, "Form expired", f"The form could not be accepted ({exc.description}). "
                                       "Reload the page and try again.")
