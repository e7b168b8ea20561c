"""Exports: offline HTML briefing, PNG/PDF briefing sheet, tables."""
