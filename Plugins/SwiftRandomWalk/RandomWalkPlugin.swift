// A SwiftGym plugin written in Swift: the same C ABI (gym_plugin.h) exported with @_cdecl.
// It depends on the header only, not on SwiftGym, as a third party's plugin would.
//
// random-walk-v1: cells 0...6, start in cell 3; actions 0 = left, 1 = right; with probability `slip`
// (default 0.1) the agent moves the other way. Entering cell 0 ends the episode with reward 0, entering
// cell 6 with reward 1 (Sutton and Barto's random walk, with control). Truncated after 50 steps.
import CGymPlugin
#if canImport(Glibc)
import Glibc
#endif

final class RandomWalk {
    var slip = 0.1
    var state: UInt64 = 1
    var position = 3
    var phase = 0  // 0 needs reset, 1 running, 2 ended
    let description: UnsafeMutablePointer<CChar>

    init(slip: Double) {
        self.slip = slip
        description = strdup("""
            {"observation_space": {"type": "Discrete", "n": 7, "start": 0}, "action_space": {"type": "Discrete", "n": 2, "start": 0},
             "max_episode_steps": 50, "stochastic": \(slip > 0), "action_names": ["left", "right"],
             "title": "Random walk with control (Swift plugin)", "parameters": {"slip": 0.1},
             "description": "Cells 0..6 from 3; left/right slipping with probability slip; reward 1 on reaching 6, 0 on reaching 0."}
            """)!
    }

    deinit { free(description) }

    /// SplitMix64, uniform on [0, 1).
    func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) * 0x1.0p-53
    }
}

private func write(_ message: String, _ error: UnsafeMutablePointer<CChar>?, _ size: Int) {
    guard let error, size > 0 else { return }
    _ = message.withCString { strncpy(error, $0, size - 1) }
    error[size - 1] = 0
}

private func walk(_ env: OpaquePointer?) -> RandomWalk {
    Unmanaged<RandomWalk>.fromOpaque(UnsafeRawPointer(env!)).takeUnretainedValue()
}

private let create: @convention(c) (UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafeMutablePointer<CChar>?, Int) -> OpaquePointer? = { id, config, error, size in
    guard let id, String(cString: id) == "random-walk-v1" else {
        write("random-walk: unknown environment (this plugin provides random-walk-v1)", error, size)
        return nil
    }
    // The configuration is {} or {"slip": x}; a plugin may parse it however it likes.
    var slip = 0.1
    let text = config.map { String(cString: $0) } ?? "{}"
    let body = text.filter { !$0.isWhitespace }
    if body != "{}" {
        guard body.hasPrefix("{\"slip\":"), body.hasSuffix("}"), let value = Double(body.dropFirst(8).dropLast()), value >= 0, value <= 1 else {
            write("random-walk: the only parameter is slip, a number in [0, 1]; got \(text)", error, size)
            return nil
        }
        slip = value
    }
    return OpaquePointer(Unmanaged.passRetained(RandomWalk(slip: slip)).toOpaque())
}

private let describe: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>? = { env in UnsafePointer(walk(env).description) }

private let reset: @convention(c) (OpaquePointer?, UInt64, Int32, UnsafePointer<CChar>?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<CChar>?, Int) -> GymStatus = {
    env, seed, hasSeed, options, observation, error, size in
    let w = walk(env)
    if hasSeed != 0 { w.state = seed }
    if let options, String(cString: options).contains("initial_state") {
        write("random-walk: always starts in cell 3", error, size)
        return GYM_ERROR
    }
    w.position = 3
    w.phase = 1
    observation![0] = Double(w.position)
    return GYM_OK
}

private let step: @convention(c) (OpaquePointer?, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?,
                                  UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<CChar>?, Int) -> GymStatus = {
    env, action, observation, reward, terminated, truncated, error, size in
    let w = walk(env)
    guard w.phase == 1 else {
        write(w.phase == 0 ? "random-walk: step() called before reset()" : "random-walk: step() called after the episode ended", error, size)
        return GYM_WRONG_ORDER
    }
    let a = action![0]
    guard a == 0 || a == 1 else {
        write("random-walk: action \(a) is not 0 (left) or 1 (right)", error, size)
        return GYM_INVALID_ACTION
    }
    var direction = a == 1 ? 1 : -1
    if w.slip > 0 && w.uniform() < w.slip { direction = -direction }
    w.position += direction
    let end = w.position == 0 || w.position == 6
    observation![0] = Double(w.position)
    reward![0] = w.position == 6 ? 1 : 0
    terminated![0] = end ? 1 : 0
    truncated![0] = 0
    if end { w.phase = 2 }
    return GYM_OK
}

private let destroy: @convention(c) (OpaquePointer?) -> Void = { env in
    Unmanaged<RandomWalk>.fromOpaque(UnsafeRawPointer(env!)).release()
}

private let environmentIDs: UnsafeMutablePointer<UnsafePointer<CChar>?> = {
    let ids = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: 2)
    ids[0] = UnsafePointer(strdup("random-walk-v1"))
    ids[1] = nil
    return ids
}()

private let table: UnsafeMutablePointer<GymPluginV1> = {
    let table = UnsafeMutablePointer<GymPluginV1>.allocate(capacity: 1)
    table.initialize(to: GymPluginV1(abi_version: GYM_PLUGIN_ABI_VERSION, name: UnsafePointer(strdup("swiftwalk")), version: UnsafePointer(strdup("1.0.0")),
                                     environment_ids: UnsafePointer(environmentIDs), create: create, describe: describe, reset: reset, step: step,
                                     destroy: destroy))
    return table
}()

@_cdecl("gym_plugin_v1")
public func gymPluginV1() -> UnsafePointer<GymPluginV1> { UnsafePointer(table) }
