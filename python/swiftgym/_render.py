"""Render modes shared by the environment, the vector and the games: text pictures and RGB frames."""

RENDER_MODES = ("ansi", "rgb_array")
_MISSING = {"ansi": "has no text picture", "rgb_array": "draws no picture"}


def render_mode(mode, offered, env_id):
    """`mode` when the environment keeps it (None, or one of `offered`: its description's "render_modes");
    ValueError otherwise, naming the modes it has."""
    if mode is None or mode in offered:
        return mode
    if mode not in RENDER_MODES:
        raise ValueError(f"SwiftGym renders text (render_mode='ansi') or RGB frames (render_mode='rgb_array'), got {mode!r}")
    raise ValueError(f"{env_id} {_MISSING[mode]}, so it has no render_mode={mode!r}; its render modes are {list(offered)}")


def rendered(mode, text, frame):
    """The text (`text()`) or the frame (`frame()`) for `mode`, which `render_mode` accepted; None for no mode."""
    if mode == "ansi":
        return text()
    if mode == "rgb_array":
        return frame()
    return None
