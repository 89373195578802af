"""`frontdesk call`: place a simulated phone call against a running Frontdesk, playing Twilio's part."""
from __future__ import annotations

import json
import os

import click

from app.integrations.twilio.caller_audio import Step

from .local_signing import default_auth_token


def _steps(ctx: click.Context) -> list[Step]:
    """--say, --wav and --dtmf in the order they were given on the command line."""
    order: list[Step] = []
    args = ctx.meta.get("frontdesk_call_argv") or []
    kinds = {"--say": "say", "--wav": "wav", "--dtmf": "dtmf", "--pause": "pause"}
    i = 0
    while i < len(args):
        name = args[i]
        if name in kinds and i + 1 < len(args):
            order.append(Step(kinds[name], args[i + 1]))
            i += 2
            continue
        if "=" in name and name.split("=", 1)[0] in kinds:
            key, value = name.split("=", 1)
            order.append(Step(kinds[key], value))
        i += 1
    return order


def _print_state(redis_url: str, call_sid: str) -> None:
    import redis

    from app.storage.keys import RedisKeys

    raw = redis.Redis.from_url(redis_url).get(RedisKeys(os.environ.get("FRONTDESK_REDIS_NAMESPACE") or "frontdesk").call_state(call_sid))
    if not raw:
        click.echo("(no call state in Redis)")
        return
    state = json.loads(raw)
    click.echo("\nThe conversation, as the server recorded it:")
    for turn in state.get("turns", []):
        text = turn["text"] or f"[pressed {turn.get('dtmf')}]"
        extra = f"  <- escalate: {turn['escalate']}" if turn.get("escalate") else ""
        click.echo(f"  {turn['role']:>6}: {text}{extra}")
    click.echo(f"outcome: {state.get('outcome')}  escalation: {(state.get('escalation') or {}).get('reason')}")
    for timing in state.get("timings", []):
        click.echo("  timing: " + ", ".join(f"{k}={v}" for k, v in timing.items() if k.endswith("_ms")))


class _OrderedCommand(click.Command):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["frontdesk_call_argv"] = list(args)
        return super().parse_args(ctx, args)


@click.command("call", cls=_OrderedCommand)
@click.option("--to", "to", default=lambda: os.environ.get("PUBLIC_URL") or "http://127.0.0.1:5000",
              show_default="$PUBLIC_URL or http://127.0.0.1:5000", help="Base URL of the running Frontdesk.")
@click.option("--say", multiple=True, help="Something the caller says (rendered with the embedded voice).")
@click.option("--wav", multiple=True, type=click.Path(exists=True, dir_okay=False), help="A WAV file the caller plays.")
@click.option("--dtmf", multiple=True, help="Keys the caller presses, e.g. 0 or 2125550123#.")
@click.option("--pause", multiple=True, help="Seconds the caller stays silent.")
@click.option("--from", "caller", default="+12125550123", show_default=True, help="The caller's number.")
@click.option("--public-url", default=lambda: os.environ.get("PUBLIC_URL"), help="URL Twilio would sign (default: --to).")
@click.option("--auth-token", default=default_auth_token,
              help="Signs the webhook ($TWILIO_AUTH_TOKEN, else the local secret `frontdesk serve` keeps).")
@click.option("--over-prompt", is_flag=True, help="Speak each step over the bot's reply instead of waiting for it.")
@click.option("--redis", "redis_url", default=lambda: os.environ.get("REDIS_URL"), help="Print the server's record of the call.")
@click.pass_context
def call(ctx: click.Context, to: str, say: tuple[str, ...], wav: tuple[str, ...], dtmf: tuple[str, ...],
         pause: tuple[str, ...], caller: str, public_url: str | None, auth_token: str | None, over_prompt: bool,
         redis_url: str | None) -> None:
    """Sign and POST the voice webhook, stream the caller's audio in real time, echo marks like Twilio."""
    from app.integrations.twilio.simulator import place_call

    steps = [Step(s.kind, s.value, barge_in=over_prompt) for s in _steps(ctx)]
    result = place_call(to, steps, auth_token=auth_token, public_url=public_url or to, caller=caller)
    click.echo(f"call {result.call_sid}: webhook answered {result.status_code}")
    if not result.streamed:
        click.echo(result.twiml)
        return
    start = result.events[0][0] if result.events else 0.0
    for at, kind, detail in result.events:
        label = {"caller_says": "caller", "caller_dtmf": "caller presses", "bot_mark_sent": "bot speaks",
                 "clear": "bot cut off (clear)", "closed_by_server": "call moved off the stream",
                 "caller_stop": "caller hangs up"}.get(kind)
        if label:
            click.echo(f"  {at - start:6.2f}s  {label}{': ' + detail if detail and kind != 'bot_mark_sent' else ''}")
    click.echo(f"bot audio {result.bot_audio_s:.1f} s; reply delays "
               + ", ".join(f"{d * 1000:.0f} ms" for d in result.reply_delays_s))
    if redis_url:
        _print_state(redis_url, result.call_sid)
