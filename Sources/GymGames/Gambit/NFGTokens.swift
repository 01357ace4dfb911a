/// The tokens of a Gambit `.nfg` file, each with its 1-based line and column.
struct NFGToken {
    enum Kind: Equatable { case open, close, text(String), word(String) }
    let kind: Kind
    let line: Int
    let column: Int
}

/// Splits `.nfg` text into braces, quoted strings and bare words (numbers, `NFG`, `R`).
struct NFGTokenizer {
    let file: String

    func tokens(_ text: String) throws -> [NFGToken] {
        var result: [NFGToken] = []
        let chars = Array(text.unicodeScalars)
        var i = 0, line = 1, column = 1
        func advance() {
            if chars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
            i += 1
        }
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "," { advance(); continue }
            let (startLine, startColumn) = (line, column)
            if c == "{" || c == "}" {
                result.append(NFGToken(kind: c == "{" ? .open : .close, line: line, column: column))
                advance()
            } else if c == "\"" {
                advance()
                var value = String.UnicodeScalarView()
                var closed = false
                while i < chars.count {
                    if chars[i] == "\\" && i + 1 < chars.count { advance(); value.append(chars[i]); advance(); continue }
                    if chars[i] == "\"" { advance(); closed = true; break }
                    value.append(chars[i])
                    advance()
                }
                guard closed else { throw GameError.nfg(file: file, line: startLine, column: startColumn, message: "a quoted string is not closed") }
                result.append(NFGToken(kind: .text(String(value)), line: startLine, column: startColumn))
            } else {
                var value = String.UnicodeScalarView()
                while i < chars.count, !" \t\n\r,{}\"".unicodeScalars.contains(chars[i]) { value.append(chars[i]); advance() }
                result.append(NFGToken(kind: .word(String(value)), line: startLine, column: startColumn))
            }
        }
        return result
    }
}
