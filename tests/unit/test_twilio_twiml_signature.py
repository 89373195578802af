"""TwiML builders and webhook signatures (behind a proxy, with or without the default port)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from twilio.request_validator import RequestValidator

from app.integrations.twilio import twiml
from app.integrations.twilio.signature import SignatureChecker, public_request_url

TOKEN = "auth-token"


def test_stream_response_uses_parameters_not_query_strings() -> None:
    doc = ET.fromstring(twiml.stream_response("wss://fd.example.com/twilio/media", {"token": "abc", "empty": ""}))
    stream = doc.find("./Connect/Stream")
    assert stream is not None and stream.get("url") == "wss://fd.example.com/twilio/media"
    assert {p.get("name"): p.get("value") for p in stream.findall("Parameter")} == {"token": "abc"}
    with pytest.raises(ValueError):
        twiml.stream_response("wss://fd.example.com/twilio/media?token=abc", {})


def test_dial_response_dials_every_member() -> None:
    doc = ET.fromstring(twiml.dial_response(["+12125550111", "sip:desk@pbx.example.com", "client:maria"], say="Hold on"))
    assert doc.find("Say").text == "Hold on"
    dial = doc.find("Dial")
    assert [e.tag for e in dial] == ["Number", "Sip", "Client"]
    assert ET.fromstring(twiml.dial_response([])).find("Hangup") is not None


def test_sequential_dial_response_rings_in_order() -> None:
    doc = ET.fromstring(twiml.sequential_dial_response(["+1212555011", "+12125550112"], timeout=15))
    assert [d.find("Number").text for d in doc.findall("Dial")] == ["+1212555011", "+12125550112"]
    assert all(d.get("timeout") == "15" for d in doc.findall("Dial"))


@pytest.mark.parametrize("signed_url", [
    "https://fd.example.com/base/twilio/voice", "https://fd.example.com:443/base/twilio/voice",
])
def test_signature_checked_against_public_url(signed_url: str) -> None:
    params = {"CallSid": "CA1", "From": "+12125550123"}
    signature = RequestValidator(TOKEN).compute_signature(signed_url, params)
    checker = SignatureChecker(TOKEN, "https://fd.example.com/base/")
    assert checker.is_valid("/twilio/voice", "", params, {"X-Twilio-Signature": signature})
    assert not checker.is_valid("/twilio/voice", "", {**params, "From": "+1999"}, {"X-Twilio-Signature": signature})
    assert not checker.is_valid("/twilio/voice", "", params, {})
    assert not SignatureChecker("other", "https://fd.example.com/base").is_valid(
        "/twilio/voice", "", params, {"X-Twilio-Signature": signature})


def test_json_body_signature_needs_the_raw_body() -> None:
    body = '{"CallSid": "CA1"}'
    validator = RequestValidator(TOKEN)
    url = "https://fd.example.com/twilio/status?bodySHA256=" + validator.compute_hash(body)
    signature = validator.compute_signature(url, {})
    checker = SignatureChecker(TOKEN, "https://fd.example.com")
    query = url.split("?", 1)[1]
    assert checker.is_valid("/twilio/status", query, body, {"X-Twilio-Signature": signature})
    assert not checker.is_valid("/twilio/status", query, body.replace("CA1", "CA2"), {"X-Twilio-Signature": signature})


def test_public_request_url_joins_paths() -> None:
    assert public_request_url("https://a.example/x/", "/twilio/voice", "q=1") == "https://a.example/x/twilio/voice?q=1"
