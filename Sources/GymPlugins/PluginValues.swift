import CGymPlugin
import Gym

/// Values at the plugin boundary: observations and actions as arrays of doubles.
enum PluginValues {
    /// The number of doubles a value of `space` occupies.
    static func width(_ space: Space) -> Int {
        switch space {
        case .discrete: return 1
        case .box(let b): return b.size
        case .multiDiscrete(let m): return m.nvec.count
        case .multiBinary(let m): return m.n
        }
    }

    /// Writes `action` into `buffer` as the plugin reads it.
    /// - Throws: `GymError.invalidAction` when the action is not of the shape of `space`.
    static func encode(_ action: Action, of space: Space, into buffer: UnsafeMutablePointer<Double>, plugin: String) throws {
        let width = width(space)
        switch (space, action) {
        case (.discrete, .discrete(let i)): buffer[0] = Double(i)
        case (.box, .continuous(let v)) where v.count == width: for k in 0..<width { buffer[k] = v[k] }
        case (.multiDiscrete, .integers(let v)) where v.count == width, (.multiBinary, .integers(let v)) where v.count == width:
            for k in 0..<width { buffer[k] = Double(v[k]) }
        default:
            throw GymError.invalidAction("invalid action \(action): not of the shape of the action space \(space) (plugin \(plugin))")
        }
    }

    /// The observation of `space` in `buffer`.
    static func decode(_ buffer: UnsafePointer<Double>, of space: Space) -> Observation {
        let width = width(space)
        switch space {
        case .discrete: return .discrete(Int(exactly: buffer[0].rounded()) ?? -1)
        case .box: return .vector((0..<width).map { Float(buffer[$0]) })
        case .multiDiscrete, .multiBinary: return .integers((0..<width).map { Int(exactly: buffer[$0].rounded()) ?? -1 })
        }
    }

    /// The action of `space` in `buffer`, as `encode` wrote it.
    static func action(_ buffer: UnsafePointer<Double>, of space: Space) -> Action {
        let width = width(space)
        switch space {
        case .discrete: return .discrete(Int(exactly: buffer[0]) ?? -1)
        case .box: return .continuous(Array(UnsafeBufferPointer(start: buffer, count: width)))
        case .multiDiscrete, .multiBinary: return .integers((0..<width).map { Int(exactly: buffer[$0]) ?? -1 })
        }
    }

    /// The error for a status other than `GYM_OK` from `call`, with the plugin's message.
    /// `beforeReset` tells a wrong-order step before any reset from one after the episode ended.
    static func failure(_ status: GymStatus, call: String, message: String, plugin: String, path: String, beforeReset: Bool) -> Error {
        let text = "plugin \(plugin): \(call): \(message)"
        switch status {
        case GYM_INVALID_ACTION: return GymError.invalidAction(text)
        case GYM_WRONG_ORDER: return beforeReset ? GymError.resetNeeded(text) : GymError.episodeEnded(text)
        default: return PluginError(path: path, name: plugin, reason: .callFailed(call: call, message: message))
        }
    }
}
