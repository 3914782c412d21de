"""What Faktoora enforces in every action: EN 16931 money, code lists, identifiers, validation, numbering."""
