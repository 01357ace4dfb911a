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
    /// `reward_range`, when the file declares one: it bounds every reward (the conformance suite checks it).
    public var rewardRange: ClosedRange<Double>? = nil

    /// Metadata for an environment built from this header; a declared reward range takes the place of
    /// the one a kind computes from its model.
    public func metadata(isStochastic: Bool, rewardRange computed: ClosedRange<Double>? = nil, actionNames: [String]? = nil) -> EnvironmentMetadata {
        EnvironmentMetadata(id: id, title: title, description: description, maxEpisodeSteps: maxEpisodeSteps,
                            rewardRange: rewardRange ?? computed, actionNames: actionNames, isStochastic: isStochastic,
                            discount: discount, kind: kind)
    }
}
