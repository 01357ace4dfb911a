/// Lists of 64-bit words as text, each in hexadecimal, comma-separated: how generator states and
/// numbers that must come back bit for bit (the bit patterns of doubles) are saved in environment
/// snapshots and training checkpoints.
///
/// ```swift
/// HexWords.encode([255, 1])        // "ff,1"
/// HexWords.decode("ff,1")          // [255, 1]
/// ```
public enum HexWords {
    public static func encode(_ words: [UInt64]) -> String {
        words.map { String($0, radix: 16) }.joined(separator: ",")
    }

    /// The words, or nil when any item is not a hexadecimal 64-bit number.
    public static func decode(_ text: String) -> [UInt64]? {
        if text.isEmpty { return [] }
        var words: [UInt64] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let word = UInt64(item, radix: 16) else { return nil }
            words.append(word)
        }
        return words
    }
}
