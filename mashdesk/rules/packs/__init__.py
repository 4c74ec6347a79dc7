"""Built-in rules packs (YAML), shipped as package data."""
