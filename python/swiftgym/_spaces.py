"""SwiftGym's space descriptions (Specs/protocol.md) as Gymnasium spaces, and the arrays the C ABI reads."""
import numpy as np
from gymnasium import spaces


def _bound(x):
    return {"inf": np.inf, "-inf": -np.inf}.get(x, x) if isinstance(x, str) else x


def space(description):
    """The Gymnasium space of a SwiftGym space description."""
    kind = description["type"]
    if kind == "Box":
        low = np.array([_bound(x) for x in description["low"]], dtype=np.float64).reshape(description["shape"])
        high = np.array([_bound(x) for x in description["high"]], dtype=np.float64).reshape(description["shape"])
        return spaces.Box(low=low.astype(np.float32), high=high.astype(np.float32), dtype=np.float32)
    if kind == "Discrete":
        return spaces.Discrete(description["n"], start=description.get("start", 0))
    if kind == "MultiDiscrete":
        return spaces.MultiDiscrete(description["nvec"])
    if kind == "MultiBinary":
        return spaces.MultiBinary(description["n"])
    raise ValueError(f"unknown space type {kind!r}")


def observation_layout(single):
    """The shape of one observation in the C ABI's buffers, and its numpy dtype."""
    if isinstance(single, spaces.Box):
        return single.shape, np.float32
    if isinstance(single, spaces.Discrete):
        return (), np.int64
    return single.shape, np.int64


def action_layout(single):
    """The shape of one action in the C ABI's buffer, and its numpy dtype (int64 or float64)."""
    if isinstance(single, spaces.Box):
        return single.shape, np.float64
    return (() if isinstance(single, spaces.Discrete) else single.shape), np.int64


def actions_array(single, actions, count):
    """`actions` for `count` copies as the contiguous array the C ABI reads, of shape (count, *one action's
    shape) (`action_layout`), after checking its dtype and shape; with one copy, a single action is taken
    too. Raises TypeError or ValueError naming what was expected."""
    array = np.asarray(actions)
    per_copy, dtype = action_layout(single)
    if dtype == np.float64:
        if not np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.complexfloating):
            raise TypeError(f"actions for {single} must be real numbers, got dtype {array.dtype}")
    elif not np.issubdtype(array.dtype, np.integer) and array.dtype != np.bool_:
        raise TypeError(f"actions for {single} must be integers, got dtype {array.dtype}")
    if array.shape not in [(count, *per_copy)] + ([per_copy] if count == 1 else []):
        raise ValueError(f"actions for {single} must have shape {(count, *per_copy) if count > 1 else per_copy}, got {array.shape}")
    return np.ascontiguousarray(array, dtype=dtype).reshape(count, *per_copy)
