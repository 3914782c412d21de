"""The records an account keeps besides invoices: customers, products, webhooks, projects and the account itself."""
