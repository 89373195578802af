"""Twilio's wire protocols: Media Streams messages, TwiML, webhook signatures and REST calls."""
