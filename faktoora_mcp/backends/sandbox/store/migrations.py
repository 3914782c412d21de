"""The sandbox's SQLite schema and its migrations.

Each migration is one script; ``schema_version`` records the highest applied. A file written by a newer
faktoora-mcp (a version this code does not know) is refused before anything touches it, so an older
install can never damage a newer one's data.

Column names of the record tables are the JSON field names, so a row turns into its record with little
translation. Invoice money is stored in integer cents: exact, and sortable by SQLite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from faktoora_mcp.errors import ConfigError

_V1 = """
CREATE TABLE account (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL);

CREATE TABLE customers (
    id TEXT PRIMARY KEY, customerId TEXT, isCompany INTEGER NOT NULL, name TEXT, title TEXT, firstName TEXT,
    lastName TEXT, nameAuthorisedSignatory TEXT, address TEXT NOT NULL, postcode TEXT NOT NULL, city TEXT NOT NULL,
    country TEXT, email TEXT, phoneNo TEXT, faxNo TEXT, category TEXT, vatId TEXT, taxId TEXT, routeId TEXT,
    peppolId TEXT, supplierNumber TEXT, invoiceProfile TEXT, extras TEXT NOT NULL DEFAULT '{}',
    createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL, deletedAt TEXT
);
CREATE UNIQUE INDEX customers_number ON customers (customerId) WHERE deletedAt IS NULL;
CREATE INDEX customers_created ON customers (createdAt);

CREATE TABLE products (
    id TEXT PRIMARY KEY, code TEXT, name TEXT NOT NULL, description TEXT, unit TEXT NOT NULL, price TEXT,
    tax INTEGER NOT NULL, cost TEXT, inventoryCount REAL, time REAL, estimate REAL, buyerAssignedID TEXT,
    globalID TEXT, createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL, deletedAt TEXT
);
CREATE UNIQUE INDEX products_code ON products (code) WHERE deletedAt IS NULL AND code IS NOT NULL;
CREATE INDEX products_created ON products (createdAt);

CREATE TABLE invoices (
    faktooraId TEXT PRIMARY KEY, invoiceNumber TEXT NOT NULL UNIQUE, status TEXT NOT NULL, format TEXT,
    invoiceTypeCode TEXT, currency TEXT NOT NULL, issueDate TEXT, dueDate TEXT, deliveryDate TEXT, paidAt TEXT,
    sentAt TEXT, customerUuid TEXT, customerNumber TEXT, customerName TEXT,
    totalNet INTEGER NOT NULL, totalTax INTEGER NOT NULL, totalGross INTEGER NOT NULL, prepaid INTEGER NOT NULL,
    amountDue INTEGER NOT NULL, createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL
);
-- The full content (parties, lines) is kilobytes per invoice; kept apart, list scans stay small.
CREATE TABLE invoice_contents (faktooraId TEXT PRIMARY KEY, content TEXT NOT NULL);
-- One index per sortable column, and (status, column) pairs for the common "status filter + sort" page.
CREATE INDEX invoices_issue ON invoices (issueDate);
CREATE INDEX invoices_due ON invoices (dueDate);
CREATE INDEX invoices_gross ON invoices (totalGross);
CREATE INDEX invoices_created ON invoices (createdAt);
CREATE INDEX invoices_status_issue ON invoices (status, issueDate);
CREATE INDEX invoices_status_due ON invoices (status, dueDate);
CREATE INDEX invoices_customer_issue ON invoices (customerUuid, issueDate);

CREATE TABLE incoming_invoices (
    importId TEXT PRIMARY KEY, faktooraId TEXT, source TEXT, fileName TEXT, mimeType TEXT, format TEXT,
    processingStatus TEXT, validationStatus TEXT, approvalStatus TEXT, sellerName TEXT, sellerVatId TEXT,
    sellerCity TEXT, sellerCountry TEXT, invoiceNumber TEXT, issueDate TEXT, dueDate TEXT, currency TEXT,
    totalNet INTEGER, totalTax INTEGER, totalGross INTEGER, document TEXT,
    validationMessages TEXT NOT NULL DEFAULT '[]',
    createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL
);
CREATE INDEX incoming_created ON incoming_invoices (createdAt);

CREATE TABLE webhooks (
    id TEXT PRIMARY KEY, action TEXT NOT NULL, target TEXT NOT NULL, createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL
);

CREATE TABLE projects (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT, place TEXT, eta TEXT, estMinutes INTEGER,
    currency TEXT, status TEXT, customerId TEXT, createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL
);
"""

SEARCH_TABLE = "invoice_search"
"""Version 1's trigram index over number and customer name together (replaced in version 2)."""
NAME_INDEX = "invoices_customer_name"
NUMBER_TERMS_TABLE = "invoice_number_terms"
_V1_SEARCH = """
CREATE VIRTUAL TABLE invoice_search USING fts5(text, tokenize = 'trigram');
CREATE TRIGGER invoice_search_insert AFTER INSERT ON invoices BEGIN
    INSERT INTO invoice_search (rowid, text)
    VALUES (new.rowid, new.invoiceNumber || ' ' || coalesce(new.customerName, ''));
END;
CREATE TRIGGER invoice_search_delete AFTER DELETE ON invoices BEGIN
    DELETE FROM invoice_search WHERE rowid = old.rowid;
END;
CREATE TRIGGER invoice_search_update AFTER UPDATE OF invoiceNumber, customerName ON invoices BEGIN
    UPDATE invoice_search SET text = new.invoiceNumber || ' ' || coalesce(new.customerName, '')
    WHERE rowid = old.rowid;
END;
"""
"""A trigram index over invoice number and customer name: keyword search without scanning every invoice.

Optional: SQLite builds before 3.34 or without FTS5 lack it, and keyword search then scans (LIKE)."""

_V2 = """
-- Keyword search reads customer names from their distinct values (a skip scan over this index) and invoice
-- numbers from a trigram index of their own; the combined index of version 1 is replaced.
CREATE INDEX invoices_customer_name ON invoices (customerName);
DROP TRIGGER IF EXISTS invoice_search_insert;
DROP TRIGGER IF EXISTS invoice_search_delete;
DROP TRIGGER IF EXISTS invoice_search_update;
DROP TABLE IF EXISTS invoice_search;
"""
NUMBER_SEARCH_TABLE = "invoice_number_search"
NUMBER_END = "\x1f"
"""Appended to each number in its trigram index (a control character, which no keyword may hold): every
two-character piece of a number then starts a trigram, the last piece included, so the index's terms
find two-character keywords too."""
_V2_SEARCH = """
CREATE VIRTUAL TABLE invoice_number_search USING fts5(invoiceNumber, tokenize = 'trigram');
INSERT INTO invoice_number_search (rowid, invoiceNumber) SELECT rowid, invoiceNumber || char(31) FROM invoices;
CREATE VIRTUAL TABLE invoice_number_terms USING fts5vocab(invoice_number_search, 'row');
CREATE TRIGGER invoice_number_search_insert AFTER INSERT ON invoices BEGIN
    INSERT INTO invoice_number_search (rowid, invoiceNumber) VALUES (new.rowid, new.invoiceNumber || char(31));
END;
CREATE TRIGGER invoice_number_search_delete AFTER DELETE ON invoices BEGIN
    DELETE FROM invoice_number_search WHERE rowid = old.rowid;
END;
CREATE TRIGGER invoice_number_search_update AFTER UPDATE OF invoiceNumber ON invoices BEGIN
    UPDATE invoice_number_search SET invoiceNumber = new.invoiceNumber || char(31) WHERE rowid = old.rowid;
END;
"""
"""A trigram index over invoice numbers, and its terms: keywords of two characters or more find numbers
without a scan (three or more as a phrase; two through the terms that start with them).

Optional, as version 1's was: without FTS5's trigram tokenizer, keyword search scans the numbers."""

_V3 = """
-- An imported file is kept apart from its row, as invoice contents are: the import quota and the incoming list read
-- the rows without walking a file's overflow pages, and a file's size is its BLOB's length, read from the header.
CREATE TABLE incoming_files (importId TEXT PRIMARY KEY, file BLOB NOT NULL);
INSERT INTO incoming_files (importId, file)
    SELECT importId, CAST(document AS BLOB) FROM incoming_invoices WHERE document IS NOT NULL;
UPDATE incoming_invoices SET document = NULL WHERE document IS NOT NULL;
"""

MIGRATIONS: Sequence[str] = (_V1, _V2, _V3)
"""Migration scripts; the one at index i brings the schema from version i to i + 1."""
OPTIONAL_INDEXES = {1: _V1_SEARCH, 2: _V2_SEARCH}
"""Scripts that run after a version's migration when this SQLite can build them (FTS5 with trigrams)."""
OLDEST_READABLE_VERSION = 1
"""Read-only mode opens files from this version on as they are: later versions only add indexes, which the code
reads each version's own of (``search_indexes``), and a table only imports write (``incoming_files``)."""

SCHEMA_VERSION = len(MIGRATIONS)


def stored_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open database (0 when it is new); reads only."""
    has_table = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if not has_table:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def refuse_newer(version: int, path: str) -> None:
    """Stop before touching a file that a newer faktoora-mcp wrote."""
    if version > SCHEMA_VERSION:
        raise ConfigError(
            f"The sandbox database {path} was written by a newer faktoora-mcp (schema {version}; this version "
            f"knows up to {SCHEMA_VERSION}); upgrade, or pass --sandbox-db with another file."
        )


def migrate(conn: sqlite3.Connection, current: int, now: str) -> None:
    """Apply every migration after ``current``; the caller holds the write transaction."""
    if current == 0:
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, appliedAt TEXT NOT NULL)")
    for version in range(current + 1, SCHEMA_VERSION + 1):
        for statement in _statements(MIGRATIONS[version - 1]):
            conn.execute(statement)
        if version in OPTIONAL_INDEXES:
            _try_optional(conn, OPTIONAL_INDEXES[version])
        conn.execute("INSERT INTO schema_version (version, appliedAt) VALUES (?, ?)", (version, now))


def _try_optional(conn: sqlite3.Connection, script: str) -> None:
    first, *rest = _statements(script)
    try:
        conn.execute(first)
    except sqlite3.OperationalError:  # no FTS5 or no trigram tokenizer in this SQLite: keyword search scans
        return
    for statement in rest:
        conn.execute(statement)


def search_indexes(conn: sqlite3.Connection) -> frozenset[str]:
    """Which keyword-search indexes this file has: ``invoice_number_search`` and ``invoices_customer_name``
    (version 2), ``invoice_search`` (a version 1 file opened read-only), or none (SQLite without FTS5)."""
    names = (NUMBER_SEARCH_TABLE, NUMBER_TERMS_TABLE, NAME_INDEX, SEARCH_TABLE)
    rows = conn.execute("SELECT name FROM sqlite_master WHERE name IN (?, ?, ?, ?)", names).fetchall()
    return frozenset(row[0] for row in rows)


def _statements(script: str) -> list[str]:
    """Split a migration script so that each statement runs inside the caller's transaction.

    ``executescript`` would commit first, and a half-migrated file must never be visible. Statements
    end where SQLite says they are complete, so trigger bodies with their own semicolons stay whole.
    """
    statements, buffer = [], ""
    for line in script.splitlines():
        if line.lstrip().startswith("--"):
            continue
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return statements
