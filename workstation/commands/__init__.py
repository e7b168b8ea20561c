"""Command-line subcommands, one module each.

Each module defines ``register(subparsers)``, which adds its parser(s) and sets
``func`` (called with the parsed arguments, returning an exit code). Modules are
discovered by name, so adding a command never edits a shared file.
"""

from __future__ import annotations

import importlib
import pkgutil


def command_modules() -> list:
    mods = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        mods.append(importlib.import_module(f"{__name__}.{info.name}"))
    return mods
