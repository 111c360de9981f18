"""Widgets the screens are built from; they never touch the store or the content files."""
