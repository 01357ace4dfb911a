/// What every space can do. Each concrete space (`Discrete`, `Box`, `MultiDiscrete`, `MultiBinary`)
/// implements it; `Space` wraps them so that environments stay non-generic.
///
/// A caller may rely on: `rejection(of:)` is nil exactly for the elements of the space, and otherwise a
/// sentence naming the value and the bound it breaks; `sampleAction` and `sampleObservation` return
/// elements and draw only from the generator passed in, a documented number of times; `flatten` writes
/// exactly `flatDimension` numbers; `json` is what `Space(json:)` reads back.
///
/// ```swift
/// let space: any SpaceProtocol = try Discrete(4)
/// var buffer = [Float](repeating: 0, count: space.flatDimension)
/// space.flatten(.discrete(2), into: &buffer, at: 0)   // [0, 0, 1, 0]
/// ```
public protocol SpaceProtocol: Hashable, Sendable, CustomStringConvertible {
    /// Why `action` is not an element of this space, or nil when it is.
    func rejection(of action: Action) -> String?
    /// Why `observation` is not an element of this space, or nil when it is.
    func rejection(of observation: Observation) -> String?
    /// A uniformly drawn action (for bounded spaces; see each space for unbounded ones).
    func sampleAction(using rng: inout RandomSource) -> Action
    /// A uniformly drawn observation (for bounded spaces; see each space for unbounded ones).
    func sampleObservation(using rng: inout RandomSource) -> Observation
    /// The length of `flatten`'s result.
    var flatDimension: Int { get }
    /// The observation as a flat Float vector for function approximators: one-hot for discrete parts.
    func flatten(_ observation: Observation, into buffer: inout [Float], at offset: Int)
    /// A JSON description: `{"type": "Discrete", "n": 4, "start": 0}` and so on (Specs/protocol.md).
    var json: JSONValue { get }
}
