"""The code that decides what a call does performs no I/O: it must not even import I/O libraries."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "app" / "engine"
FORBIDDEN = ("flask", "redis", "rq", "requests", "httpx", "urllib3", "openai", "twilio", "sqlalchemy", "socket", "aiohttp")


def test_engine_modules_import_no_io_library():
    modules = sorted(
        "app.engine." + ".".join(p.relative_to(ENGINE).with_suffix("").parts).replace(".__init__", "")
        for p in ENGINE.rglob("*.py")
    )
    code = (
        "import sys, importlib\n"
        f"for m in {modules!r}: importlib.import_module(m.rstrip('.'))\n"
        f"bad = sorted(n for n in sys.modules if n.split('.')[0] in {FORBIDDEN!r})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ENGINE.parents[1])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"app/engine pulls in I/O libraries: {result.stdout.strip()}"


def test_the_check_would_notice_an_io_import():
    result = subprocess.run([sys.executable, "-c", "import json, socket, sys; print('socket' in sys.modules)"],
                            capture_output=True, text=True)
    assert result.stdout.strip() == "True"
