"""The command line as ``--help`` shows it: every setting of ``config.py`` as a flag, grouped by section.

Settings are accepted before or after the command; a command's ``--help`` shows its own description and the
sections it reads, not every global flag. A refused flag value is one line and exit code 2, never usage text.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from faktoora_mcp import __version__
from faktoora_mcp.config import SECTIONS, SETTINGS, Setting

PROG = "faktoora-mcp"
HELP_WIDTH = 110
"""Columns of ``--help``: a wide terminal's line, so most settings take one line or two."""
HELP_COLUMN = 40
"""Where help text starts, past the longest common flag with its value (``--max-sessions-per-client N``)."""
USAGE_EXIT = 2
"""Exit code of a refused command line, as argparse and most Unix tools use."""

EPILOG = f"""\
commands:
  (none)                 serve MCP over --transport (stdio by default)
  tools [--json]         print the tools an agent sees
  call TOOL [JSON]       run one tool through the server and print its result
  doctor                 check the Membrane CLI, its login and the Faktoora connection
  catalogue [--output F] write the live Membrane catalogue and its drift to a file

`{PROG} COMMAND --help` shows one command. Every option can also be set as FAKTOORA_MCP_<NAME>
(e.g. FAKTOORA_MCP_READ_ONLY=true); options win.
examples:
  {PROG} call list-outgoing-invoices '{{"status": ["overdue"], "perPage": 5}}'
  {PROG} --read-only --transport http --port 8765
"""

COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "tools": ("print the tools an agent sees, one line each", ("general", "tools", "sandbox", "membrane")),
    "call": ("run one tool through the server and print its result", ("general", "tools", "sandbox", "membrane")),
    "doctor": (
        "check the Membrane CLI, its login and the Faktoora connection, and how each manifest differs from "
        "its live action",
        ("membrane",),
    ),
    "catalogue": ("write the live Membrane catalogue and its drift to a file for review", ("membrane",)),
}
"""Each command: its one-line description and the sections of settings it reads."""
USAGES = {
    "tools": "[--json] [OPTIONS]",
    "call": "TOOL [JSON] [OPTIONS]",
    "doctor": "[OPTIONS]",
    "catalogue": "[--output FILE] [OPTIONS]",
}


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Flag and help on one line where they fit, so a command's help reads as a table."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=HELP_COLUMN, width=HELP_WIDTH)


class Parser(argparse.ArgumentParser):
    """argparse with a one-line refusal: what was wrong and where to look, without the usage block."""

    def error(self, message: str) -> NoReturn:
        message = message.removeprefix("argument ")
        sys.stderr.write(f"{PROG}: {message} (see `{self.prog} --help`)\n")
        raise SystemExit(USAGE_EXIT)


def build_parser() -> Parser:
    parser = Parser(
        prog=PROG,
        usage=f"{PROG} [OPTIONS] [COMMAND] [ARGS]",
        description="MCP server for Faktoora invoicing: live through the Membrane CLI, or an offline sandbox.",
        epilog=EPILOG,
        formatter_class=_Formatter,
        argument_default=argparse.SUPPRESS,
    )
    _add_settings(parser, shown=tuple(SECTIONS))
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, (description, sections) in COMMANDS.items():
        command = commands.add_parser(
            name,
            prog=f"{PROG} {name}",
            usage=f"{PROG} {name} {USAGES[name]}",
            formatter_class=_Formatter,
            help=description,
            description=description,
            epilog=f"The other options of `{PROG} --help` are accepted too.",
            argument_default=argparse.SUPPRESS,
        )
        _add_command_arguments(name, command)
        _add_settings(command, shown=sections)
    return parser


def _add_command_arguments(name: str, command: argparse.ArgumentParser) -> None:
    if name == "tools":
        command.add_argument("--json", action="store_true", default=False, help="print the tools/list result as JSON")
    elif name == "call":
        command.add_argument("tool", metavar="TOOL", help="tool name, e.g. list-customers")
        command.add_argument(
            "arguments", metavar="JSON", nargs="?", default="{}", help="JSON object of arguments (default {})"
        )
    elif name == "catalogue":
        command.add_argument("--output", metavar="FILE", help="where to write it (default: the catalogue cache)")


def _add_settings(parser: argparse.ArgumentParser, *, shown: tuple[str, ...]) -> None:
    """Every setting is accepted; those outside ``shown`` sections are accepted without a help line."""
    groups = {section: parser.add_argument_group(SECTIONS[section]) for section in shown}
    for setting in SETTINGS:
        group = groups.get(setting.section)
        target = group or parser
        help_text = f"{setting.help} [env {setting.env}]" if group else argparse.SUPPRESS
        if setting.is_switch:
            target.add_argument(setting.flag, action="store_const", const=True, help=help_text)
        else:
            target.add_argument(setting.flag, type=_typed(setting), metavar=_metavar(setting), help=help_text)


def _metavar(setting: Setting) -> str:
    options = getattr(setting.parse, "options", None)
    if options:
        return "{" + ",".join(options) + "}"
    if isinstance(setting.default, bool | int):
        return "N"
    return "SECONDS" if isinstance(setting.default, float) else setting.name.split("_")[-1].upper()


def _typed(setting: Setting) -> Any:
    def parse(text: str) -> Any:
        try:
            return setting.parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = setting.name
    return parse
