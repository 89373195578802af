"""The live board: calls with the bot and callers waiting for a person, refreshed by polling board.json."""
from __future__ import annotations

from typing import Any

from flask import jsonify, render_template

from .auth import role_required
from .blueprint import bp
from .call_data import LiveDataUnavailable, live_calls
from .live_view import board as board_view
from .services import staff_services

POLL_MS = 1500


def current_board() -> tuple[dict[str, Any] | None, str | None]:
    """(board, None), or (None, why) when Redis cannot be read."""
    svc = staff_services()
    try:
        calls = live_calls(svc)
    except LiveDataUnavailable as exc:
        return None, str(exc)
    return board_view(calls, svc.clock(), svc.member_name), None


@bp.get("/")
@role_required("staff")
def board() -> Any:
    data, problem = current_board()
    return render_template("staff/board.html", board=data, problem=problem, poll_ms=POLL_MS)


@bp.get("/board.json")
@role_required("staff")
def board_json() -> Any:
    data, problem = current_board()
    if data is None:
        return jsonify(error=problem), 503
    return jsonify(data)
