import Gym

/// An environment whose states may be the open cells of a grid, so tools can print values and policies
/// as maps (`gym solve` on the grid kind).
///
/// ```swift
/// if let grid = (env.unwrapped as? GridEnvironment)?.grid { print(grid.stateOfCell) }
/// ```
public protocol GridEnvironment: Environment {
    /// The layout when the states are grid cells; nil otherwise.
    var grid: GridLayout? { get }
}
