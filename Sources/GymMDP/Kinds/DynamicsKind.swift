import Gym
import GymJSON

/// The `dynamics` kind: state variables, parameters and update equations written as expressions.
///
/// Compilation has two phases. `DynamicsDeclarations.read` checks the members' structure and the names
/// they declare; `DynamicsPrograms` lays out the registers and compiles the four programs (initial state,
/// step, observation). Expressions are compiled even after structural problems, so that one run of
/// `gym validate` reports both kinds of error.
enum DynamicsKind {
    static let kind = MDPKind(
        members: ["state", "actions", "let", "next", "reward", "terminated", "observation", "render"],
        requiredMembers: ["state", "actions", "next", "reward", "observation"],
        compile: compile)

    static func compile(_ json: OrderedJSON, _ header: MDPHeader, _ reader: SpecReader) -> MDPDefinition? {
        let declarations = DynamicsDeclarations.read(json, header, reader)
        guard let actions = declarations.actions, let rewardText = declarations.reward, let terminatedText = declarations.terminated else {
            return nil
        }
        let programs = DynamicsPrograms(declarations, actions: actions, header: header, reader: reader)
        let initProgram = programs.compileInitialState()
        let stepProgram = programs.compileStep(reward: rewardText, terminated: terminatedText)
        let (observationProgram, observationSources) = programs.compileObservation()
        let drawing = DynamicsRenderSection.compile(json["render"], declarations: declarations, actions: actions,
                                                    parameters: header.parameters, reader: reader)
        guard reader.issues.isEmpty else { return nil }

        let layout = programs.layout
        let model = DynamicsModel(
            stateNames: declarations.stateNames, discreteActions: actions.discrete, continuousActions: actions.continuous,
            observationLow: declarations.observationLow, observationHigh: declarations.observationHigh,
            initialRegisters: programs.compiler.initialRegisters,
            initProgram: initProgram, stepProgram: stepProgram, observationProgram: observationProgram,
            actionBase: layout.actionBase, timeRegister: layout.time, rewardRegister: layout.reward,
            terminatedRegister: layout.terminated, observationBase: layout.observationBase, observationSources: observationSources,
            usesRandomness: programs.compiler.usesRandomness, observationExpressions: declarations.observationTexts,
            drawing: drawing)
        let metadata = header.metadata(isStochastic: programs.compiler.usesRandomness, actionNames: actions.discrete)
        return MDPDefinition(header: header, model: nil, grid: nil, makeEnvironment: {
            try DynamicsEnvironment(model: model, metadata: metadata)
        })
    }
}
