import Gym

/// The discount an agent was trained with, under which its evaluations are compared with a model's optimum.
public enum TrainingDiscount {
    /// The agent's `gamma` setting, else the environment's declared discount, else 1; with where it came from, in words.
    public static func of(settings: [String: String], metadata: EnvironmentMetadata) -> (value: Double, source: String) {
        if let text = settings["gamma"], let gamma = Double(text) { return (gamma, "the agent's gamma") }
        if let discount = metadata.discount { return (discount, "the environment's discount") }
        return (1, "no discount declared")
    }
}
