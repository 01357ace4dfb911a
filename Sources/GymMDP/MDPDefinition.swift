import Gym
import GymPlanning

/// What a compiled MDP file defines: its header, a factory for environments, and (for kinds with a
/// known model) the tabular model that solvers use.
public struct MDPDefinition {
    public var header: MDPHeader
    /// The known model, for kinds that have one (tabular, grid, matrix games against a fixed mixed opponent).
    public var model: TabularModel?
    /// The grid layout, for the grid kind (used to print values and policies as maps).
    public var grid: GridLayout?
    public var makeEnvironment: () throws -> Environment
}
