"""The SQLite file itself: its schema and migrations, opening, one transaction per operation, SQL helpers, pages."""
