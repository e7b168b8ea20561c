"""Dialogs: layer style, import, project settings, about."""
