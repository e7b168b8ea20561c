"""The one signal primitive used by the model (psygnal), re-exported."""

from psygnal import Signal, SignalGroup, SignalInstance

__all__ = ["Signal", "SignalGroup", "SignalInstance"]
