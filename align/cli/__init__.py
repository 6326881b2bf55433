"""The ``align`` command: argument parsing only; the work is done by ``align.*``.

Each subcommand lives in its own module here and exposes ``register(subparsers)``,
which adds its parser and sets ``func`` (``args -> int`` exit status).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from align import __version__
from align.errors import AlignError

#: subcommand modules, in the order ``align --help`` lists them
COMMANDS = ("inspect", "sentences", "documents", "glossary", "app")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="align",
        description="Align the language versions of UN documents (zh, en, fr, es, ru, ar).",
    )
    parser.add_argument("--version", action="version", version=f"un-align {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"align.cli.{name}_cmd")
        except ModuleNotFoundError as exc:  # a part not installed in this build
            if exc.name != f"align.cli.{name}_cmd":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except AlignError as exc:
        print(f"align: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("align: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `align inspect x | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
