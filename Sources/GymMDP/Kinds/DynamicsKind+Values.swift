import Gym
import GymExpressions
import GymJSON

/// The values of a dynamics file that are not expressions of the state: initial-value forms and bounds.
extension DynamicsKind {
    /// `init`: a number, `{"uniform": [lo, hi]}`, `{"normal": [mu, sigma]}`, or an expression string.
    static func initExpression(_ node: OrderedJSON?, at path: JSONPath, _ reader: SpecReader) -> String? {
        guard let node else { return nil }
        func operand(_ item: OrderedJSON, at p: JSONPath) -> String? {
            switch item {
            case .number(let x): return "(\(x))"
            case .string(let s) where s.hasPrefix("$"): return String(s.dropFirst())
            case .string(let s):
                reader.fail(p, "the {\"uniform\"/\"normal\": [...]} form takes numbers and \"$parameter\" references, not expressions such as '\(s)'; "
                    + "write the init as an expression instead, e.g. \"init\": \"uniform(-x0, x0)\"")
                return nil
            default:
                reader.fail(p, "expected a number or a \"$parameter\" reference, got \(item.typeName)")
                return nil
            }
        }
        switch node {
        case .number(let x): return "(\(x))"
        case .string(let text): return text.hasPrefix("$") ? String(text.dropFirst()) : text
        case .object(let members):
            guard members.count == 1, let (kind, value) = members.first, kind == "uniform" || kind == "normal" else {
                reader.fail(path, "an init object is {\"uniform\": [low, high]} or {\"normal\": [mean, std]}")
                return nil
            }
            guard let pair = reader.array(value, at: path.key(kind)) else { return nil }
            guard pair.count == 2 else { reader.fail(path.key(kind), "expected two numbers, got \(pair.count)"); return nil }
            guard let a = operand(pair[0], at: path.key(kind).index(0)), let b = operand(pair[1], at: path.key(kind).index(1)) else { return nil }
            return "\(kind)(\(a), \(b))"
        default:
            reader.fail(path, "expected a number, an expression, or {\"uniform\": [...]} / {\"normal\": [...]}, got \(node.typeName)")
            return nil
        }
    }

    /// A list of bounds: numbers, `"$parameter"`, or constant expressions such as `"-q_max"` and `"-inf"`.
    static func bounds(_ node: OrderedJSON?, at path: JSONPath, count: Int, _ reader: SpecReader) -> [Double]? {
        guard let items = reader.array(node, at: path) else {
            if node == nil { reader.fail(path, "required member is missing") }
            return nil
        }
        guard items.count == count else {
            reader.fail(path, "expected \(count) bounds, got \(items.count)")
            return nil
        }
        var values: [Double] = []
        var scope = Scope()
        scope.constants = reader.parameters
        scope.allowsRandom = false
        for (i, item) in items.enumerated() {
            if case .string(let text) = item, !text.hasPrefix("$") {
                do {
                    guard let x = try ExpressionCompiler(fixedRegisters: 0).constantValue(text, scope: scope) else {
                        reader.fail(path.index(i), "a bound must be constant (numbers and parameters only), got '\(text)'")
                        return nil
                    }
                    values.append(x)
                } catch let error as ExpressionError {
                    reader.fail(path.index(i).column(error.column), error.message)
                    return nil
                } catch {
                    reader.fail(path.index(i), "\(error)")
                    return nil
                }
                continue
            }
            guard let x = reader.number(item, at: path.index(i)) else { return nil }
            values.append(x)
        }
        return values
    }
}
