import Gym

/// The common fields of an MDP file after parameter resolution.
public struct MDPHeader {
    public var id: String
    public var kind: String
    public var title: String
    public var description: String
    public var discount: Double?
    public var maxEpisodeSteps: Int?
    public var parameters: [String: Double]

    /// Metadata for an environment built from this header.
    public func metadata(isStochastic: Bool, rewardRange: ClosedRange<Double>? = nil, actionNames: [String]? = nil) -> EnvironmentMetadata {
        EnvironmentMetadata(id: id, title: title, description: description, maxEpisodeSteps: maxEpisodeSteps,
                            rewardRange: rewardRange, actionNames: actionNames, isStochastic: isStochastic,
                            discount: discount, kind: kind)
    }
}
