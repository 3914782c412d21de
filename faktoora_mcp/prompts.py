"""Prompts for the work people do with Faktoora, with argument completions where they help.

Plain data and functions; ``server.py`` turns them into MCP prompts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from faktoora_mcp.backends.base import Backend
from faktoora_mcp.errors import FaktooraError, InvalidArguments
from faktoora_mcp.records import COMPLETION_LIMIT, Completions, bounded
from faktoora_mcp.textcheck import excerpt

FIRST_YEAR, LAST_YEAR = 1900, 2199
"""The years invoices may carry (faktoora_mcp.bounds.DATE_PATTERN); 9999-12 would overflow the month's end."""
MONTH_CHARS = len("YYYY-MM")
TONES = ("friendly", "firm", "final")


@dataclass(frozen=True, slots=True)
class Argument:
    name: str
    description: str
    required: bool = False


@dataclass(frozen=True, slots=True)
class Prompt:
    name: str
    title: str
    description: str
    arguments: tuple[Argument, ...]
    render: Callable[[Mapping[str, str]], str]


def _overdue(args: Mapping[str, str]) -> str:
    tone = args.get("tone") or "friendly"
    return (
        "Review my overdue invoices in Faktoora and draft payment reminders.\n"
        '1. Call list-outgoing-invoices with status ["overdue"], sort dueDate, order asc and all: true.\n'
        "2. Group them by customer; for each customer show invoice numbers, due dates, days overdue and the "
        "amount due, and the total per customer.\n"
        f"3. Draft one {tone} reminder (Zahlungserinnerung) per customer in German, citing each invoice number, "
        "date and open amount, with a new payment deadline 10 days from today.\n"
        "Do not send or change anything; these are drafts for me to review."
    )


def _onboard(args: Mapping[str, str]) -> str:
    customer = args.get("customerName") or "the new customer"
    product = args.get("productName") or "their first product or service"
    return (
        f"Onboard {customer} as a new customer in Faktoora, with {product} as a product.\n"
        "1. Check with list-customers (keyword) that the customer does not exist yet.\n"
        "2. Ask me for whatever create-customer requires that you do not know (company or person, street and "
        "number, postcode, city, country, e-mail, VAT ID if a company; a Leitweg-ID if it is a public authority).\n"
        "3. Create the customer with create-customer (try dryRun: true first and show me the result).\n"
        "4. Check with list-products (keyword) whether a matching product exists; if not, ask me for the net "
        "price, the unit (e.g. HUR for hours, C62 for pieces) and the VAT rate (19, 7 or 0) and create it.\n"
        "5. Summarise what was created, with the new ids."
    )


def _month_end(args: Mapping[str, str]) -> str:
    month = args["month"]
    start, end = month_bounds(month)
    return (
        f"Give me a month-end overview for {month} ({start} to {end}) from Faktoora.\n"
        f"1. Outgoing: list-outgoing-invoices with issueDateFrom {start}, issueDateTo {end}, all: true. Sum net, "
        "VAT and gross; break them down by status (paid, sent, overdue, draft, cancelled) and by VAT rate.\n"
        f"2. Incoming: list-incoming-invoices with issueDateFrom {start}, issueDateTo {end}, all: true. Sum net, "
        "VAT and gross; list the ones rejected in validation or not yet approved.\n"
        "3. Show outgoing minus incoming (net and VAT: the VAT position for the advance return), the five "
        "largest customers of the month, and anything that needs attention (overdue, rejected, drafts)."
    )


def _explain(args: Mapping[str, str]) -> str:
    number = args["invoiceNumber"]
    return (
        f"Find invoice {number} in Faktoora and explain its status.\n"
        f"1. Call list-outgoing-invoices with invoiceNumber {number!r} to get its faktooraId.\n"
        "2. Call get-outgoing-invoice-status and get-outgoing-invoice-content for that faktooraId.\n"
        "3. Explain in plain words: where the invoice is in its life (draft, review, sent, overdue, paid), whether "
        "it was delivered and how, whether the e-invoice validated, the amounts, and what I should do next if "
        "anything (e.g. send a reminder, fix a validation error)."
    )


PROMPTS = (
    Prompt(
        "review-overdue-invoices",
        "Review overdue invoices and draft reminders",
        "Lists overdue outgoing invoices per customer and drafts a payment reminder for each.",
        (Argument("tone", "Tone of the reminders: friendly (default), firm or final."),),
        _overdue,
    ),
    Prompt(
        "onboard-customer",
        "Onboard a new customer with a first product",
        "Creates a customer and a first product step by step, checking for duplicates and dry-running first.",
        (
            Argument("customerName", "Name of the company or person."),
            Argument("productName", "The product or service to bill them for."),
        ),
        _onboard,
    ),
    Prompt(
        "month-end-overview",
        "Month-end overview: outgoing versus incoming",
        "Totals, VAT position and open items of one month, outgoing against incoming invoices.",
        (Argument("month", "The month as YYYY-MM, e.g. 2026-10.", required=True),),
        _month_end,
    ),
    Prompt(
        "explain-invoice-status",
        "Find an invoice by number and explain its status",
        "Looks up an outgoing invoice by its number and explains delivery, validation and payment status.",
        (Argument("invoiceNumber", "The invoice number as printed, e.g. 2026/10/00042.", required=True),),
        _explain,
    ),
)


def find_prompt(name: str, *, field: str = "name") -> Prompt:
    for prompt in PROMPTS:
        if prompt.name == name:
            return prompt
    known = ", ".join(p.name for p in PROMPTS)
    raise InvalidArguments.single(field, f"no prompt named {name!r}; known prompts: {known}")


def render(name: str, arguments: Mapping[str, str]) -> tuple[Prompt, str]:
    prompt = find_prompt(name)
    missing = [a.name for a in prompt.arguments if a.required and not arguments.get(a.name)]
    if missing:
        raise InvalidArguments.single(missing[0], f"required by the prompt {name}")
    return prompt, prompt.render(arguments)


def month_bounds(month: str) -> tuple[str, str]:
    try:
        first = dt.date.fromisoformat(f"{month[:MONTH_CHARS]}-01") if len(month) == MONTH_CHARS else None
    except ValueError:
        first = None
    if first is None or not FIRST_YEAR <= first.year <= LAST_YEAR:
        raise InvalidArguments.single(
            "month", f"{excerpt(month)} is not a month; use YYYY-MM from {FIRST_YEAR} to {LAST_YEAR}, e.g. 2026-10"
        )
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first.isoformat(), (following - dt.timedelta(days=1)).isoformat()


def recent_months(today: dt.date, count: int = 12) -> list[str]:
    months, cursor = [], today.replace(day=1)
    for _ in range(count):
        months.append(cursor.strftime("%Y-%m"))
        cursor = (cursor - dt.timedelta(days=1)).replace(day=1)
    return months


async def complete(prompt: str, argument: str, value: str, backend: Backend) -> Completions:
    """Values for one argument of the named prompt that start with what the person typed so far.

    An unknown prompt completes to nothing rather than an error: the protocol's conformance suite asks for a
    prompt no server has and expects an (empty) answer. A known prompt's unknown argument is an error naming it.
    """
    if prompt not in {p.name for p in PROMPTS}:
        return Completions([], has_more=False, total=0)
    names = [a.name for a in find_prompt(prompt, field="ref.name").arguments]
    if argument not in names:
        has = ", ".join(names) or "none"
        raise InvalidArguments.single(
            "argument.name", f"the prompt {prompt} has no argument {argument!r} (it has: {has})"
        )
    if argument == "month":
        return bounded(recent_months(dt.date.today()), value)
    if argument == "tone":
        return bounded(TONES, value)
    if argument == "invoiceNumber":
        return await _invoice_numbers(value, backend)
    return Completions([], has_more=False, total=0)


async def _invoice_numbers(prefix: str, backend: Backend) -> Completions:
    query: dict[str, Any] = {"perPage": COMPLETION_LIMIT, "sort": "issueDate", "order": "desc"}
    if prefix:
        query["keyword"] = prefix
    try:
        result = await backend.run_action("list-outgoing-invoices", query)
    except FaktooraError:
        return Completions([], has_more=False)  # completion is a convenience; a failing backend must not break typing
    rows = result.output.get("data", [])
    total = result.output.get("meta", {}).get("totalItems")
    numbers = [row["invoiceNumber"] for row in rows if "invoiceNumber" in row]
    return bounded(numbers, prefix, more_unseen=isinstance(total, int) and total > len(rows))
