"""The start-up benchmark runs every command it names, once: the window, `case list`, and with `--floor` the
realistic bare window, the store opened alone and the window's imports alone (no timing is asserted;
bench/firm/README.md has the figures)."""
from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

from bench.firm.startup_cpu import main


def test_every_measure_is_printed_with_its_ratio() -> None:
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        assert main(["--repeat", "1", "--floor"]) == 0
    out = json.loads(buffer.getvalue())
    for key in ("bare PySide6 window", "this: window, 0 clients", "this: case list --json, 1 client",
                "realistic bare window (no Juliu code)", "this: the store opened, no window",
                "this: the window's imports alone"):
        assert 0 < out[key] < 30, key
    for key in ("this: window / bare (<=1.5)", "this: case list / python (<=4)", "realistic bare window / bare",
                "this: the window's imports alone / bare"):
        assert out[key] > 0, key
