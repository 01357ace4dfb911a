"""Reset options: the ones swiftgym understands pass, any other is refused by name (never dropped)."""
from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence

from ._errors import InvalidArgument


def checked(options: Optional[Mapping[str, Any]], understood: Sequence[str], what: str) -> Dict[str, Any]:
    """`options` as a new dict, when every name in it is one of `understood`; otherwise `InvalidArgument`
    naming the options refused and the ones `what` (the environment's id) understands.

    >>> checked({"initial_state": 3}, ["initial_state"], "gridworld-v1")
    {'initial_state': 3}
    >>> checked({"difficulty": 2}, ["initial_state"], "gridworld-v1")
    Traceback (most recent call last):
    swiftgym.InvalidArgument: gridworld-v1: reset has no option 'difficulty'; its options are 'initial_state'
    """
    given = dict(options or {})
    refused = [name for name in given if name not in understood]
    if refused:
        names = " or ".join(repr(name) for name in refused)
        known = ", ".join(repr(name) for name in understood)
        noun = "option" if len(refused) == 1 else "options"
        raise InvalidArgument(f"{what}: reset has no {noun} {names}; its options are {known}")
    return given
