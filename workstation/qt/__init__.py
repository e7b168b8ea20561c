"""The Qt user interface: the only package (with the sheet exporter) that imports Qt."""
