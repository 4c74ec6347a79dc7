"""Maintenance tools run from the Makefile (corpus robustness run)."""
