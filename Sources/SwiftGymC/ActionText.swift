import Gym

// Actions written as text (Specs/c-abi.md, "Vectors"; Specs/protocol.md, "Actions written as text"):
// Python's `step("left")` reads its word with the rule `gym rollout --actions` and `gym play` use.

@_cdecl("sg_vector_action_from_text")
public func sg_vector_action_from_text(_ vector: OpaquePointer, _ text: UnsafePointer<CChar>, _ action: UnsafeMutablePointer<Int64>) -> Int32 {
    guarded(-1) {
        let handle = handle(vector)
        let space = handle.vector.actionSpace
        guard case .discrete = space else {
            throw GymError.invalidAction("actions written as text are for Discrete action spaces; this one is \(space)")
        }
        action.pointee = Int64(try space.action(fromText: String(cString: text), names: handle.actionNames).index!)
        return 0
    }
}
