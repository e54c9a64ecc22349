"""``rasa`` itself, with two of its per-turn costs taken out (issue 15).

Profiling a conversation through the Rasa server (``make bench``'s turns,
cProfile, 2026-12-07) found two costs of Rasa 3.6 that grow with every turn
and do nothing for the answer:

* After every custom action, Rasa checks the action server's reply against
  its JSON schema with ``jsonschema.validate``, which first checks the
  *schema itself* against JSON Schema's meta-schema: 40% of a turn's time
  in the server. :func:`validate_with_checked_schemas` checks each distinct
  schema once and then validates the same way (same validator class, same
  "best match" error).
* Reading a conversation back turns every stored event's type name into its
  class by walking all subclasses of ``Event`` again, per event, per turn.
  :func:`event_class_by_type_name` remembers the answer per type name.

Both keep Rasa's results exactly; only the repeated work goes. They are
applied here, in the process ``bot.serve.servers`` starts as the Rasa
server, instead of in a module Rasa happens to import, so that what runs is
plain to see: ``python -m bot.serve.rasa_server run ...`` is ``rasa run ...``.
"""
from __future__ import annotations

import json
import sys
from typing import Any, Callable, Dict, Optional

_checked: Dict[str, Any] = {}


def validate_with_checked_schemas(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """``jsonschema.validate``, checking each distinct schema against its meta-schema only once."""
    from jsonschema import exceptions, validators

    if cls is not None or args or kwargs:
        return _original_validate(instance, schema, cls, *args, **kwargs)
    key = json.dumps(schema, sort_keys=True, default=str)
    validator = _checked.get(key)
    if validator is None:
        validator_class = validators.validator_for(schema)
        validator_class.check_schema(schema)
        validator = _checked[key] = validator_class(schema)
    error = exceptions.best_match(validator.iter_errors(instance))
    if error is not None:
        raise error


_original_validate: Callable[..., None]
_original_resolve: Callable[..., Any]
_event_classes: Dict[str, Any] = {}


def event_class_by_type_name(type_name: str, default: Optional[Any] = None) -> Optional[Any]:
    """``Event.resolve_by_type``, remembering each type name's class once found."""
    found = _event_classes.get(type_name)
    if found is not None:
        return found
    found = _original_resolve(type_name, default)
    if found is not None and getattr(found, "type_name", None) == type_name:
        _event_classes[type_name] = found
    return found


def apply() -> None:
    """Installs both in this process (idempotent)."""
    global _original_validate, _original_resolve
    import jsonschema
    from rasa.shared.core.events import Event

    if jsonschema.validate is not validate_with_checked_schemas:
        _original_validate = jsonschema.validate
        jsonschema.validate = validate_with_checked_schemas
    if Event.resolve_by_type is not event_class_by_type_name:
        _original_resolve = Event.resolve_by_type
        Event.resolve_by_type = staticmethod(event_class_by_type_name)


def main() -> None:
    apply()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
