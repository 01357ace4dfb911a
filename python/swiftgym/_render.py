"""Render modes shared by the environment, the vector and the games: text pictures and RGB frames."""
from . import _native

RENDER_MODES = ("ansi", "rgb_array")


def render_mode(mode):
    """`mode` when SwiftGym renders it (None, "ansi" or "rgb_array"); ValueError otherwise."""
    if mode is not None and mode not in RENDER_MODES:
        raise ValueError(f"SwiftGym renders text (render_mode='ansi') or RGB frames (render_mode='rgb_array'), got {mode!r}")
    return mode


def rendered(mode, text, frame, env_id):
    """The text (`text()`) or the frame (`frame()`) for `mode`; None for no mode."""
    if mode == "ansi":
        return text()
    if mode == "rgb_array":
        image = frame()
        if image is None:
            raise _native.SwiftGymError(f"{env_id} draws no picture, so it has no rgb_array frames (render_mode='ansi' gives its text)")
        return image
    return None
