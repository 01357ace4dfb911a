import Foundation
import XCTest

/// The DocC articles' Swift examples are tests: each one stands, line for line, in ArticleExamples.swift.
final class ArticleExamplesTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every article (not the landing pages) of the catalogs under Sources/.
    static func articles() throws -> [URL] {
        let sources = root.appendingPathComponent("Sources")
        var result: [URL] = []
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path) {
            let catalog = sources.appendingPathComponent(module).appendingPathComponent("\(module).docc")
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: catalog.path) else { continue }
            result += files.filter { $0.hasSuffix(".md") && $0 != "\(module).md" }.sorted().map { catalog.appendingPathComponent($0) }
        }
        return result
    }

    /// The fenced code blocks of `language` in the article named `name`.
    static func codeBlocks(language: String, inArticle name: String) throws -> [String] {
        guard let url = try articles().first(where: { $0.lastPathComponent == name }) else { return [] }
        return codeBlocks(language: language, in: try String(contentsOf: url, encoding: .utf8))
    }

    static func codeBlocks(language: String, in text: String) -> [String] {
        var blocks: [String] = [], current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let lines = current {
                if line.trimmingCharacters(in: .whitespaces) == "```" {
                    blocks.append(lines.joined(separator: "\n"))
                    current = nil
                } else {
                    current = lines + [line]
                }
            } else if line.trimmingCharacters(in: .whitespaces) == "```\(language)" {
                current = []
            }
        }
        return blocks
    }

    /// Lines without their indentation, blank lines dropped.
    static func normalized(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func testTheCatalogsHaveTheArticlesOfTheIssue() throws {
        let names = Set(try Self.articles().map(\.lastPathComponent))
        XCTAssertEqual(names, ["GettingStarted.md", "WritingAnMDPInJSON.md", "CheckingYourEnvironment.md", "WritingAPlugin.md", "ChoosingAnAgent.md"])
    }

    func testEverySwiftExampleOfTheArticlesIsATest() throws {
        let examples = Self.normalized(try String(contentsOf: Self.root.appendingPathComponent("Tests/DocumentationTests/ArticleExamples.swift"),
                                                  encoding: .utf8))
        var count = 0
        for article in try Self.articles() {
            for block in Self.codeBlocks(language: "swift", in: try String(contentsOf: article, encoding: .utf8)) {
                count += 1
                let lines = Self.normalized(block)
                let found = examples.indices.contains { start in
                    start + lines.count <= examples.count && Array(examples[start..<(start + lines.count)]) == lines
                }
                XCTAssertTrue(found, "\(article.lastPathComponent): this example is not in ArticleExamples.swift:\n\(block)")
            }
        }
        XCTAssertGreaterThanOrEqual(count, 6)
    }
}
