/// Tokens of the expression language.
enum Token: Equatable {
    case number(Double)
    case name(String)
    case symbol(String)
    case end
}

/// Splits expression text into tokens with their columns.
struct Lexer {
    static let symbols = ["&&", "||", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "^", "<", ">", "!", "?", ":", "(", ")", ",", "[", "]"]

    static func tokens(_ text: String) throws -> [(Token, Int)] {
        let chars = Array(text)
        var result: [(Token, Int)] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" { i += 1; continue }
            let column = i + 1
            if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
                var j = i
                while j < chars.count && (chars[j].isNumber || chars[j] == ".") { j += 1 }
                if j < chars.count && (chars[j] == "e" || chars[j] == "E") {
                    var k = j + 1
                    if k < chars.count && (chars[k] == "+" || chars[k] == "-") { k += 1 }
                    if k < chars.count && chars[k].isNumber {
                        while k < chars.count && chars[k].isNumber { k += 1 }
                        j = k
                    }
                }
                let literal = String(chars[i..<j])
                guard let value = Double(literal) else {
                    throw ExpressionError(column: column, message: "malformed number '\(literal)'")
                }
                result.append((.number(value), column))
                i = j
            } else if c.isLetter || c == "_" {
                var j = i
                while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") { j += 1 }
                result.append((.name(String(chars[i..<j])), column))
                i = j
            } else {
                let two = i + 1 < chars.count ? String(chars[i...i + 1]) : ""
                if symbols.contains(two) {
                    result.append((.symbol(two), column))
                    i += 2
                } else if symbols.contains(String(c)) {
                    result.append((.symbol(String(c)), column))
                    i += 1
                } else {
                    throw ExpressionError(column: column, message: "unexpected character '\(c)'")
                }
            }
        }
        result.append((.end, chars.count + 1))
        return result
    }
}
