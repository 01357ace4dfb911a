import Foundation
import Gym
import GymAgents
import GymRuns

/// What `gym evaluate` found for an agent's checkpoint: the sampled returns, their discounted values and,
/// on a known model, the gap to the optimum; as JSON, or as the lines a person reads.
struct EvaluationSummary {
    let agent: String
    let environment: String
    /// How the agent acted: greedy, stochastic or random.
    let acting: String
    let episodes: Int
    let stochastic: Bool
    let record: EvaluationRecord
    let discounted: EvaluationRecord
    let discount: Double
    let discountSource: String
    let timeLimit: Int?
    let gap: OptimalityGap?

    var json: JSONValue {
        var object: [String: JSONValue] = [
            "agent": .string(agent), "environment": .string(environment), "episodes": .number(Double(episodes)), "stochastic": .bool(stochastic),
            "acting": .string(acting), "mean": .number(record.mean), "std": .number(record.standardDeviation),
            "standard_error": .number(record.standardError), "min": .number(record.returns.min()!), "max": .number(record.returns.max()!),
            "discount": .number(discount), "discount_source": .string(discountSource),
            "discounted_mean": .number(discounted.mean), "discounted_standard_error": .number(discounted.standardError),
        ]
        if let gap {
            object["time_limit"] = timeLimit.map { .number(Double($0)) } ?? .null
            object["optimal_start_value"] = .number(gap.optimum)
            object["score_from"] = .string(gap.isExact ? "policy_start_value" : "discounted_mean")
            object["shortfall"] = .number(gap.shortfall)
            object["sampled_shortfall"] = .number(gap.sampledShortfall)
            if let random = gap.random { object["random_start_value"] = .number(random) }
            if let score = gap.normalisedScore { object["normalised_score"] = .number(score) }
            if let score = gap.sampledScore { object["sampled_normalised_score"] = .number(score) }
            if let exact = gap.policyValue {
                object["policy_start_value"] = .number(exact)
                object["policy_shortfall"] = .number(gap.shortfall)
            }
        }
        return .object(object)
    }

    func printText() {
        let how = acting
        let sampledLine = String(format: "%d episodes acting %@: return %.4f ± %.4f (standard error), std %.4f, min %.4f, max %.4f",
                                 episodes, how, record.mean, record.standardError, record.standardDeviation, record.returns.min()!, record.returns.max()!)
        let quantity = discount == 1 ? "return" : "discounted return"
        // The headline: the exact value where the policy was evaluated on the model, else the sampled episodes.
        if let gap, let exact = gap.policyValue {
            print(String(format: "%@ on %@, acting %@: expected %@ from the start %.4f, exactly on the model", agent, environment, how, quantity, exact)
                  + (gap.normalisedScore.map { String(format: "; normalised score %.3f", $0) } ?? ""))
            print("sampled, " + sampledLine)
        } else {
            print("\(agent) on \(environment), " + sampledLine)
        }
        guard let gap else { return }
        let limit = timeLimit.map { ", episodes cut at \($0) steps" } ?? ""
        print("against the known model, discount \(JSONValue.format(discount)) (\(discountSource))\(limit):")
        print(String(format: "  optimal expected %@ from the start %.4f", quantity, gap.optimum))
        let sampledScore = gap.isExact ? gap.sampledScore.map { String(format: ", normalised score %.3f", $0) } ?? "" : ""
        if let exact = gap.policyValue {
            print(String(format: "  this %@ policy's expected %@ from the start, exactly on the model: %.4f; shortfall %.4f", how, quantity, exact, gap.shortfall))
        }
        if let random = gap.random, let score = gap.normalisedScore {
            print(String(format: "  the uniformly random policy's %@ %.4f; normalised score %.3f (1 optimal, 0 random), of the %@",
                         quantity, random, score, gap.isExact ? "exact value" : "sampled mean"))
        }
        print(String(format: "  sampled: achieved %.4f ± %.4f over %d episodes; shortfall %.4f", discounted.mean, discounted.standardError, episodes, gap.sampledShortfall)
              + sampledScore)
    }
}
