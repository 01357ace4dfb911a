import Foundation
import Gym
import GymAgents
import GymPlanning

/// report.html of a training run: the learning curve, the final evaluation against the optimum where the
/// model is known, the hyperparameters with their sources, the environment's description, and an
/// animation of the final policy.
extension TrainingRun {
    /// Episodes of the report's own evaluation against the optimum (tabular models; cheap).
    static let reportEpisodes = 200

    func writeReport(trainer: Trainer, agent learner: Agent, curve: String, seconds: Double) throws {
        let env = try resolved.make()
        let metadata = env.metadata
        var page = ReportPage(title: "\(agentName) on \(id)",
                              subtitle: "seed \(seed), \(trainer.interruptedAt.map { "interrupted at step \($0) of \(steps)" } ?? "\(steps) steps"), "
                                + String(format: "%.1f s of training; ", seconds) + "written by gym train")
        page.add("curve", "Learning curve", .svg(curve))

        var rows: [[String]] = []
        if let last = trainer.evaluations.last {
            let how = learner.hasGreedyPolicy ? "greedy" : "random"
            rows.append(["final evaluation: mean return over \(last.returns.count) \(how) episodes at step \(last.step)",
                         String(format: "%.3f ± %.3f (standard error %.3f)", last.mean, last.standardDeviation, last.standardError)])
        }
        if let best = bestEvaluation(trainer) {
            rows.append(["best evaluation, kept in best.ckpt (--keep-best)", String(format: "%.3f ± %.3f at step %d", best.mean, best.standardDeviation, best.step)])
        }
        let (discount, source) = TrainingDiscount.of(settings: learner.settings, metadata: metadata)
        let known = (env.unwrapped as? ModelledEnvironment)?.knownModel != nil
        let achieved = EvaluationRecord(step: 0, returns: known
            ? try Trainer.evaluate(learner, on: env, episodes: Self.reportEpisodes, seed: seed &+ 7_777, discount: discount).discounted : [])
        let greedy: ((Observation) -> Action)? = learner.hasGreedyPolicy ? { learner.act($0, mode: .greedy) } : nil
        if known, let gap = OptimalityGap(env, discount: discount, sampled: achieved.mean, policy: greedy) {
            let quantity = discount == 1 ? "return" : "discounted return (discount \(JSONValue.format(discount)), \(source))"
            rows.append(["optimal expected \(quantity) from the start (exact, from the model)", String(format: "%.4f", gap.optimum)])
            if let exact = gap.policyValue {
                rows.append(["the final greedy policy's expected \(quantity) from the start, exactly on the model", String(format: "%.4f", exact)])
                rows.append(["shortfall", String(format: "%.4f", gap.shortfall)])
            }
            rows.append(["sampled: achieved by the final policy over \(Self.reportEpisodes) episodes", String(format: "%.4f ± %.4f", achieved.mean, achieved.standardError)])
            rows.append([gap.isExact ? "sampled shortfall" : "shortfall (sampled)", String(format: "%.4f", gap.sampledShortfall)])
            if let random = gap.random, let score = gap.normalisedScore {
                rows.append(["uniformly random policy", String(format: "%.4f", random)])
                rows.append(["normalised score (1 optimal, 0 random), of the \(gap.isExact ? "exact value" : "sampled mean")", String(format: "%.3f", score)])
                if gap.isExact, let sampled = gap.sampledScore { rows.append(["sampled normalised score", String(format: "%.3f", sampled)]) }
            }
        } else {
            rows.append(["optimum", "not known: \(id) has no tabular model"])
        }
        page.add("final", "Final evaluation", .table(header: ["quantity", "value"], rows: rows))

        let described = (try? AgentRegistry.settings(agentName)) ?? []
        let settingRows = described.map { s in [s.key, learner.settings[s.key] ?? s.defaultValue, s.defaultValue, s.help] }
        page.add("settings", "Hyperparameters", .table(header: ["setting", "value used", "default", "what it is, and where the default comes from"],
                                                       rows: settingRows))

        var about = [metadata.title.isEmpty ? id : metadata.title, metadata.description]
        about.append("Source: \(resolved.spec.source).")
        if !resolved.overrides.isEmpty {
            about.append("Parameters: " + resolved.overrides.sorted { $0.key < $1.key }.map { "\($0.key) = \(JSONValue.format($0.value))" }.joined(separator: ", "))
        }
        page.add("environment", "Environment", .paragraphs(about))

        do {
            let film = try EpisodeFilm.greedyEpisode(of: learner, on: env, id: id, seed: seed &+ 2_024)
            page.add("animation", "The final policy, one episode (\(film.steps) steps)", .svg(film.animation.svg))
        } catch let error as GymError {
            page.add("animation", "The final policy", .paragraphs(["No animation: \(error)"]))
        }
        try page.write(to: directory + "/report.html")
    }
}
