"""SwiftGym's exceptions: `SwiftGymError`, and below it Gymnasium's own classes where one fits.

Every class here is a `SwiftGymError`, so ``except swiftgym.SwiftGymError`` catches them all, and the
ones with a Gymnasium counterpart are that class too, so ``except gymnasium.error.ResetNeeded`` works as
it does for Gymnasium's environments. A failure in Swift arrives with the C ABI's code
(`sg_last_error_code`, Specs/c-abi.md), which chooses the class: the message's words never do.
"""
from __future__ import annotations

import enum
from typing import Dict, Optional, Type

from gymnasium import error as gymnasium_error


class ErrorCode(enum.IntEnum):
    """The C ABI's error codes (`SG_ERROR_*` in swiftgym.h); `SwiftGymError.code` holds one."""

    NONE = 0
    UNKNOWN_ID = 1
    INVALID_ARGUMENT = 2
    INVALID_ACTION = 3
    RESET_NEEDED = 4
    INVALID_FILE = 5
    PLUGIN = 6
    ENVIRONMENT = 7
    OTHER = 8


class SwiftGymError(RuntimeError):
    """A failure reported by SwiftGym, with its message: the file, JSON path and column of a broken
    specification, or the invalid action, the environment's index and the space.

    `code` is the C ABI's `ErrorCode` for the failure, or None for one found in Python (a closed
    environment).

    >>> try:
    ...     swiftgym.make("cartpol-v1")
    ... except swiftgym.SwiftGymError as failure:
    ...     failure.code
    <ErrorCode.UNKNOWN_ID: 1>
    """

    code: Optional[ErrorCode] = ErrorCode.OTHER


class NameNotFound(SwiftGymError, gymnasium_error.NameNotFound):
    """An id that SwiftGym has not registered; the message suggests the closest ids."""

    code = ErrorCode.UNKNOWN_ID


class InvalidArgument(SwiftGymError, ValueError):
    """A malformed argument: a parameter override, a reset option, a copy index, the wrong kind of id."""

    code = ErrorCode.INVALID_ARGUMENT


class InvalidAction(SwiftGymError, gymnasium_error.InvalidAction):
    """An action outside the action space (for a game, also a missing, unknown or finished agent's).
    Nothing moved: the refused step left no trace."""

    code = ErrorCode.INVALID_ACTION


class ResetNeeded(SwiftGymError, gymnasium_error.ResetNeeded):
    """A step before the first reset, or after the episode ended (outside next-step autoreset)."""

    code = ErrorCode.RESET_NEEDED


class ClosedEnvironmentError(SwiftGymError, gymnasium_error.ClosedEnvironmentError):
    """A call on an environment, vector or game after `close()`."""

    code = None


class InvalidFile(SwiftGymError):
    """A file that cannot be read or is not a valid environment (JSON syntax, the specification's
    problems, a Gambit file); the message gives the path, line, column and JSON path."""

    code = ErrorCode.INVALID_FILE


class PluginFailure(SwiftGymError):
    """A plugin library that cannot be loaded, or that failed, crashed or hung in a call."""

    code = ErrorCode.PLUGIN


class EnvironmentFailure(SwiftGymError):
    """The environment failed while running: its dynamics produced a value it cannot return (a NaN
    reward), or its picture could not be drawn."""

    code = ErrorCode.ENVIRONMENT


_CLASSES = (SwiftGymError, NameNotFound, InvalidArgument, InvalidAction, ResetNeeded, ClosedEnvironmentError, InvalidFile, PluginFailure,
            EnvironmentFailure)
for _cls in _CLASSES:
    _cls.__module__ = "swiftgym"  # where users import them from, and how tracebacks name them

_BY_CODE: Dict[int, Type[SwiftGymError]] = {
    cls.code: cls for cls in _CLASSES if cls.code not in (None, ErrorCode.OTHER)
}


def from_code(code: int, message: str) -> SwiftGymError:
    """The exception for a failure the C ABI reported with `code` and `message`."""
    cls = _BY_CODE.get(code, SwiftGymError)
    return cls(message)
