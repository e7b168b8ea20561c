"""Pure analysis functions (no Qt): grids, KDE, hot spots, scans, forecasts, patrols."""
