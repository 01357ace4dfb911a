/// Spaces and their values as JSON: the space descriptions of Specs/protocol.md, and actions written by
/// people (`gym rollout --actions`, `gym play`).
extension Space {
    /// Reads a space from its JSON description (the inverse of `json`).
    public init(json: JSONValue) throws {
        guard let object = json.objectValue, let type = object["type"]?.stringValue else {
            throw GymError.invalidArgument("a space description needs an object with a string \"type\", got \(json)")
        }
        func ints(_ key: String) throws -> [Int] {
            guard let items = object[key]?.arrayValue else {
                throw GymError.invalidArgument("\(type) space needs an array \"\(key)\"")
            }
            return try items.map {
                guard let i = $0.intValue else { throw GymError.invalidArgument("\(type).\(key) holds a non-integer \($0)") }
                return i
            }
        }
        func bounds(_ key: String) throws -> [Double] {
            guard let items = object[key]?.arrayValue else {
                throw GymError.invalidArgument("Box space needs an array \"\(key)\"")
            }
            return try items.map { item in
                if let x = item.doubleValue { return x }
                if item.stringValue == "inf" { return .infinity }
                if item.stringValue == "-inf" { return -.infinity }
                throw GymError.invalidArgument("Box.\(key) holds \(item), expected a number, \"inf\" or \"-inf\"")
            }
        }
        switch type {
        case "Discrete":
            guard let n = object["n"]?.intValue else { throw GymError.invalidArgument("Discrete space needs an integer \"n\"") }
            self = .discrete(try Discrete(n, start: object["start"]?.intValue ?? 0))
        case "Box":
            self = .box(try Box(low: bounds("low"), high: bounds("high"), shape: object["shape"] == nil ? nil : ints("shape")))
        case "MultiDiscrete":
            self = .multiDiscrete(try MultiDiscrete(ints("nvec")))
        case "MultiBinary":
            guard let n = object["n"]?.intValue else { throw GymError.invalidArgument("MultiBinary space needs an integer \"n\"") }
            self = .multiBinary(try MultiBinary(n))
        default:
            throw GymError.invalidArgument("unknown space type '\(type)'; expected Discrete, Box, MultiDiscrete or MultiBinary")
        }
    }

    /// The action written as `value`: for `Discrete`, a number is the action itself and a string is read
    /// as `action(fromText:names:)` reads a word (a name wins; `names` are those of actions `start`,
    /// `start + 1`, ...); an array of numbers for `Box` (a bare number for a box of one), an array of
    /// integers for `MultiDiscrete` and `MultiBinary`. Whether the action is in the space is `validate`'s
    /// business, not this function's.
    /// - Throws: `GymError.invalidAction` for a value of the wrong form or an unknown name.
    public func action(fromJSON value: JSONValue, names: [String]?) throws -> Action {
        switch self {
        case .discrete:
            if let token = value.stringValue { return try action(fromText: token, names: names) }
            guard let i = value.intValue else { throw GymError.invalidAction("expected an integer action for \(self), got \(value)") }
            return .discrete(i)
        case .box:
            let items = value.arrayValue ?? [value]
            return .continuous(try items.map {
                guard let x = $0.doubleValue else { throw GymError.invalidAction("expected numbers for \(self), got \(value)") }
                return x
            })
        case .multiDiscrete, .multiBinary:
            guard let items = value.arrayValue else { throw GymError.invalidAction("expected an array of integers for \(self), got \(value)") }
            return .integers(try items.map {
                guard let i = $0.intValue else { throw GymError.invalidAction("expected integers for \(self), got \(value)") }
                return i
            })
        }
    }

    /// The name of a discrete action among `names` (those of actions `start`, `start + 1`, ...), or nil
    /// when the space is not discrete or the action has no name.
    public func name(of action: Action, names: [String]?) -> String? {
        guard case .discrete(let d) = self, let i = action.index, let names else { return nil }
        let k = i - d.start
        return names.indices.contains(k) ? names[k] : nil
    }
}
