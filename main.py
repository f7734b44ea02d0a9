"""Juliu (居留) composition root: runs a CLI subcommand, or starts the GUI when none is given."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    import cli

    parsed = cli.parse(sys.argv[1:] if argv is None else argv)
    if isinstance(parsed, int):
        return parsed
    if parsed.command is not None:
        return cli.run(parsed)
    from ui.app import run_gui

    return run_gui(parsed)


if __name__ == "__main__":
    sys.exit(main())
