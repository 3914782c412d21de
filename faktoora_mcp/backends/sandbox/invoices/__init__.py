"""Invoices: outgoing (stored, written, modelled), their files (XML, PDF), and incoming ones imported from XML."""
