"""Faktoora's REST paths over the same actions: routing, and turning query strings and bodies into action input."""
