"""The real twilio Client, redirected by TWILIO_API_URL, against the local REST stand-in."""
from __future__ import annotations

import pytest
from twilio.base.exceptions import TwilioRestException

from app.integrations.twilio.rest import TwilioRest, build_client
from tests.standins.twilio_api import TwilioApiStandin

SID, TOKEN = "AC" + "1" * 32, "secret-token"
CALL = "CA" + "a" * 32


@pytest.fixture()
def api():
    with TwilioApiStandin(SID, TOKEN) as standin:
        yield standin


def test_call_update_reaches_standin_with_twiml(api: TwilioApiStandin) -> None:
    rest = TwilioRest(build_client(SID, TOKEN, api.url))
    status = rest.redirect_call(CALL, "<Response><Dial><Number>+12125550111</Number></Dial></Response>")
    assert status == "in-progress"
    [update] = api.call_updates(CALL)
    assert "<Number>+12125550111</Number>" in update.form["Twiml"]


def test_hang_up_and_sms_and_participant(api: TwilioApiStandin) -> None:
    rest = TwilioRest(build_client(SID, TOKEN, api.url))
    assert rest.hang_up(CALL) == "completed"
    assert rest.send_sms("+12125550111", "+12125550100", "Call back Ana").startswith("SM")
    assert rest.add_participant("frontdesk-" + CALL, "+12125550100", "+12125550111", label="staff").startswith("CA")
    assert [r.kind for r in api.requests] == ["call_update", "message", "participant"]
    assert api.of_kind("participant")[0].form["Label"] == "staff"


def test_wrong_credentials_raise(api: TwilioApiStandin) -> None:
    rest = TwilioRest(build_client(SID, "wrong", api.url))
    with pytest.raises(TwilioRestException) as info:
        rest.redirect_call(CALL, "<Response/>")
    assert info.value.status == 401


def test_server_error_surfaces(api: TwilioApiStandin) -> None:
    api.fail_next = 1
    with pytest.raises(TwilioRestException):
        TwilioRest(build_client(SID, TOKEN, api.url)).redirect_call(CALL, "<Response/>")
