import Gym

// The render modes an environment or a game keeps (Specs/c-abi.md: `render_modes` in sg_describe and
// sg_game_describe): found by rendering a fresh instance after a reset, so that Python's metadata
// promises only what the environment does.

/// "ansi" when there is a text picture, "rgb_array" when there is a drawing.
private func renderModes(text: String?, picture: Picture?) -> JSONValue {
    .array((text != nil ? ["ansi"] : []) + (picture != nil ? ["rgb_array"] : []))
}

/// The modes of `env`, a fresh instance that no caller holds (it is reset with seed 0), asked through a
/// vector of one: the path that sg_vector_render and sg_vector_frame take.
func renderModes(ofFresh env: Environment) throws -> JSONValue {
    let probe = try VectorEnvironment(count: 1, threads: 1) { env }
    try probe.reset(seed: 0)
    return renderModes(text: probe.render(copy: 0), picture: probe.picture(copy: 0))
}

/// The modes of `game`, a fresh instance that no caller holds (it is reset with seed 0).
func renderModes(ofFresh game: MultiAgentEnvironment) throws -> JSONValue {
    _ = try game.reset(seed: 0, options: .none)
    return renderModes(text: game.render(), picture: game.picture())
}
