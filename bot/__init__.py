"""Alliance: the project's own Python package, in the order a message goes through it.

``channels`` (in and out) -> ``understanding`` (reading the message) ->
``dialogue`` (deciding what to do) -> ``replies`` (what the person reads);
``store`` keeps what may be kept, ``common`` is what every layer uses, and
``serve`` and ``cluster`` run it all (``web`` holds the widget's files).
Imports point one way; each package's docstring says which others it may
import, and tests/test_layers.py checks it.
"""
