"""``workstation``: the headless contract. The GUI calls the same functions."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from layers import __version__
from layers.progress import Cancelled
from layers.validation import DataError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_BAD_INPUT = 2


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    pass


def build_parser() -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    from workstation.commands import command_modules

    parser = argparse.ArgumentParser(
        prog="workstation",
        description="Analyst Workstation: crime and demand analysis, patrol planning, "
        "briefings.\n\nRun without a command to open the desktop application.",
        formatter_class=HelpFormatter,
        epilog="Example:\n  workstation --demo\n  workstation --demo --language cy   (the window in Welsh)\n"
        "  workstation import street.csv -o p.gpkg",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for mod in command_modules():
        mod.register(sub)
    return parser, sub


def add_common(p: argparse.ArgumentParser) -> None:
    """Options every subcommand has."""
    p.add_argument("--debug", action="store_true", help="show a traceback on error")
    p.add_argument(
        "--json", action="store_true", help="print a machine-readable summary"
    )


def subparser(
    sub: argparse._SubParsersAction,
    name: str,
    help: str,
    example: str,
    description: str = "",
) -> argparse.ArgumentParser:
    p = sub.add_parser(
        name,
        help=help,
        description=(description or help) + "\n",
        epilog=f"Example:\n  {example}",
        formatter_class=HelpFormatter,
    )
    add_common(p)
    return p


def print_json(obj: Any) -> None:
    print(json.dumps(obj, indent=2, default=str, ensure_ascii=False))


def _gui_main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="workstation", add_help=False)
    p.add_argument("project", nargs="?")
    p.add_argument("--demo", action="store_true")
    p.add_argument("--debug", action="store_true")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--language", default=None)
    args, rest = p.parse_known_args(argv)
    from workstation.qt.app import run_gui
    from workstation.qt.i18n import normalise_language

    if args.language is not None:
        try:
            args.language = normalise_language(args.language)
        except ValueError as exc:
            print(f"workstation: --language: {exc}", file=sys.stderr)
            return 2
    return run_gui(
        project=args.project,
        demo=args.demo,
        seed=args.seed,
        qt_args=rest,
        language=args.language,
    )


def one_line(text: str) -> str:
    """A message as one printable line (control characters from data become spaces)."""
    return "".join(c if c.isprintable() else " " for c in str(text))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, sub = build_parser()
    commands = set(sub.choices)
    if not argv or (
        argv[0] not in commands and argv[0] not in ("-h", "--help", "--version")
    ):
        if (
            argv
            and not argv[0].startswith("-")
            and not argv[0].lower().endswith(".gpkg")
        ):
            parser.error(f"unknown command {argv[0]!r}; see 'workstation --help'")
        return _gui_main(argv)
    args = parser.parse_args(argv)
    debug = getattr(args, "debug", False)
    with _warnings_to_stderr(args.command):
        return _run(args, debug)


@contextlib.contextmanager
def _warnings_to_stderr(command: str) -> Iterator[None]:
    """Print the model's warnings (e.g. a broken audit trail) as one line each."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter(f"workstation {command}: warning: %(message)s")
    )
    logger = logging.getLogger("layers.audit")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _run(args: argparse.Namespace, debug: bool) -> int:
    try:
        return int(args.func(args) or 0)
    except DataError as exc:
        if debug:
            raise
        print(
            f"workstation {args.command}: error: {one_line(exc.describe())}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        if debug:
            raise
        name = getattr(exc, "filename", None) or ""
        print(
            f"workstation {args.command}: error: {name}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except Cancelled:
        print(f"workstation {args.command}: cancelled", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # the reader went away (e.g. piped into head): not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print(f"workstation {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # one line, never a traceback without --debug
        if debug:
            raise
        print(
            f"workstation {args.command}: error: {type(exc).__name__}: {exc} "
            "(run with --debug for details)",
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
