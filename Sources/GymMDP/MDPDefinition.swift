import Gym
import GymGames
import GymTabular

/// What a compiled MDP file defines: its header, a factory for environments, and (for kinds with a
/// known model) the tabular model that solvers use.
public struct MDPDefinition {
    public var header: MDPHeader
    /// The known model, for kinds that have one (tabular, grid, matrix games against a fixed mixed opponent).
    public var model: TabularModel?
    /// The grid layout, for the grid kind (used to print values and policies as maps).
    public var grid: GridLayout?
    /// The normal-form game, for the matrix-game kind (against an opponent model: the agent is the
    /// first player and the opponent the second).
    public var game: NormalFormGame? = nil
    /// Makes the single-agent environment; for a game whose players are all agents it throws
    /// `MultiAgentGameError`.
    public var makeEnvironment: () throws -> Environment
    /// Makes the multi-agent environment, for a matrix game with `players`; nil for every other file.
    public var makeMultiAgentEnvironment: (() throws -> MultiAgentEnvironment)? = nil
}
