"""The code that decides what a call does performs no I/O: it must not even import I/O libraries."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "app" / "engine"
FORBIDDEN = ("flask", "werkzeug", "redis", "rq", "requests", "httpx", "urllib3", "http", "openai", "twilio",
             "sqlalchemy", "aiohttp", "websocket", "simple_websocket")


def io_libraries_loaded_by(modules: list[str]) -> list[str]:
    code = (
        "import sys, importlib\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"print(','.join(sorted({{n.split('.')[0] for n in sys.modules}} & set({FORBIDDEN!r}))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return [name for name in result.stdout.strip().split(",") if name]


def engine_modules() -> list[str]:
    names = []
    for path in sorted(ENGINE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def test_engine_modules_import_no_io_library():
    assert len(engine_modules()) > 10
    assert io_libraries_loaded_by(engine_modules()) == []


def test_the_check_notices_an_io_import():
    assert io_libraries_loaded_by(["http.client"]) == ["http"]
