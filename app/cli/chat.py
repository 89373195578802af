"""`frontdesk chat`: talk to the call engine in the terminal, turn by turn."""
from __future__ import annotations

import json
from pathlib import Path

import click

from app.engine.conversation import TextConversation, TurnResult
from app.engine.events import CallerProfile
from app.qa.runner import default_call_time
from app.services import build_engine, load_flows_or_exit

from .options import flows_option, parse_at

HELP = "Type what the caller says. '#123' presses keys, '/silence' waits, '/fail' = nobody accepts, '/quit' hangs up."


def show(result: TurnResult, *, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False))
        return
    if result.intent is not None:
        confidence = f" ({result.confidence:.2f})" if result.confidence is not None else ""
        click.secho(f"  [call type: {result.intent}{confidence}]", fg="cyan")
    if result.escalate:
        click.secho(f"  [escalation: {result.escalate}]", fg="red")
    for action in result.actions:
        kind = type(action).__name__
        if kind == "Say":
            click.secho(f"bot> {action.text}", fg="green")  # type: ignore[attr-defined]
        elif kind == "Transfer":
            click.secho(f"  [transfer to {action.target}: {action.brief}]", fg="yellow")  # type: ignore[attr-defined]
        else:
            click.secho(f"  [{kind}: {vars(action)}]", fg="yellow")


@click.command()
@flows_option
@click.option("--caller", default=None, help="Caller ID, e.g. +12125550123.")
@click.option("--at", "at_text", default=None, help="Time of the call (ISO, with offset). Default: next Tuesday 10:30.")
@click.option("--vip", is_flag=True, help="Pretend the CRM flags the caller as VIP.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per turn instead of text.")
def chat(flows_dir: Path, caller: str | None, at_text: str | None, vip: bool, as_json: bool) -> None:
    """Talk to Frontdesk by text; each turn shows the call type, confidence, escalation and actions."""
    flows = load_flows_or_exit(flows_dir)
    engine = build_engine(flows)
    at = parse_at(at_text) or default_call_time(flows.business.timezone)
    conversation = TextConversation(engine, call_sid="CA-chat")
    if not as_json:
        click.secho(HELP, dim=True)
    show(conversation.start(at=at, caller=caller, profile=CallerProfile(vip=True) if vip else None), as_json=as_json)
    while not conversation.session.is_over:
        try:
            line = input("you> " if not as_json else "").strip()
        except EOFError:
            break
        if not line:
            continue
        if line == "/quit":
            break
        if line == "/silence":
            result = conversation.silence()
        elif line == "/fail":
            result = conversation.transfer_failed()
        elif line.startswith("#"):
            result = conversation.press(line[1:])
        else:
            result = conversation.say(line)
        show(result, as_json=as_json)
    if conversation.session.phase.value != "ended":
        conversation.hang_up()
    if not as_json:
        click.secho(f"[call ended: outcome {conversation.outcome}]", dim=True)
