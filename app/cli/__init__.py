"""`frontdesk ...`: one entry point; each area's commands live in their own module."""
from __future__ import annotations

import importlib
import logging

import click

# (module, attribute) of every sub-command; each is registered when its module imports cleanly.
COMMANDS = [
    ("app.cli.serve", "serve"),
    ("app.cli.chat", "chat"),
    ("app.cli.qa", "qa"),
    ("app.cli.flows", "flows"),
    ("app.cli.classify", "classify"),
    ("app.cli.nlu", "nlu"),
    ("app.cli.call", "call"),
    ("app.cli.crm", "crm"),
    ("app.cli.worker", "worker"),
    ("app.cli.speech", "speech"),
    ("app.cli.staff", "staff"),
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log debug detail to stderr.")
def main(verbose: bool) -> None:
    """Frontdesk: a voice AI receptionist that hands everything it should not handle to a person."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from app.runtime.blas import limit_blas_threads

    limit_blas_threads()


def _register() -> None:
    for module_name, attribute in COMMANDS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # that area is not part of this installation
            raise
        main.add_command(getattr(module, attribute))


_register()
