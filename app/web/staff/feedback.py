"""Operators read every review of the bot's calls, on a page or as a CSV file for a spreadsheet."""
from __future__ import annotations

from typing import Any

from flask import Response, render_template, request

from .auth import role_required
from .blueprint import bp
from .feedback_store import all_reviews, review_page, to_csv
from .paging import page_number
from .services import staff_services


@bp.get("/feedback")
@role_required("operator")
def feedback_list() -> Any:
    svc = staff_services()
    return render_template("staff/feedback.html", page=review_page(svc.db, svc.zone, page_number(request.args)))


@bp.get("/feedback.csv")
@role_required("operator")
def feedback_csv() -> Response:
    svc = staff_services()
    stamp = svc.clock().astimezone(svc.zone).strftime("%Y%m%d-%H%M")
    return Response(to_csv(all_reviews(svc.db, svc.zone)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="frontdesk-feedback-{stamp}.csv"'})
