import Foundation
import XCTest

/// The module graph drawn in the header comment of Package.swift is the architecture: these tests fail
/// when a target's declared dependencies or a source file's `import` lines leave it.
final class ImportGraphTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Modules of the toolchain that any target may import.
    static let toolchain: Set<String> = ["Foundation", "Glibc", "Darwin", "Dispatch", "Synchronization"]

    static var manifest: String { (try? String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)) ?? "" }

    /// `Target <- A, B` lines of the header comment (a continuation line holds only a description).
    static func drawnGraph() -> [String: Set<String>] {
        var graph: [String: Set<String>] = [:]
        for line in manifest.split(separator: "\n") where line.hasPrefix("//") {
            let text = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
            guard let arrow = text.range(of: " <- ") else { continue }
            let target = text[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
            // Dependencies end where two spaces start the description.
            var rest = String(text[arrow.upperBound...])
            if let gap = rest.range(of: "  ") { rest = String(rest[..<gap.lowerBound]) }
            let names = rest == "(nothing)" ? [] : rest.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            graph[target] = Set(names)
        }
        return graph
    }

    /// Each target of the manifest with the names in its `dependencies:` list (products by product name).
    static func declaredDependencies() -> [String: Set<String>] {
        let text = manifest
        let pattern = try! NSRegularExpression(pattern: #"\.(?:target|executableTarget)\(\s*name:\s*"(\w+)"(?:,\s*dependencies:\s*\[(.*?)\])?"#,
                                               options: [.dotMatchesLineSeparators])
        let quoted = try! NSRegularExpression(pattern: #"(?:\.product\(name:\s*)?"([\w-]+)"(?:,\s*package:\s*"[\w-]+"\))?"#)
        var result: [String: Set<String>] = [:]
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let name = String(text[Range(match.range(at: 1), in: text)!])
            var dependencies = Set<String>()
            if let range = Range(match.range(at: 2), in: text) {
                let list = String(text[range])
                for item in quoted.matches(in: list, range: NSRange(list.startIndex..., in: list)) {
                    dependencies.insert(String(list[Range(item.range(at: 1), in: list)!]))
                }
            }
            result[name] = dependencies
        }
        return result
    }

    /// The modules imported by the Swift files under Sources/`target`.
    static func imports(of target: String) throws -> [(file: String, module: String)] {
        let directory = root.appendingPathComponent("Sources").appendingPathComponent(target)
        let path = target == "SwiftRandomWalkPlugin" ? root.appendingPathComponent("Plugins/SwiftRandomWalk") : directory
        guard let files = FileManager.default.enumerator(atPath: path.path) else { return [] }
        var result: [(String, String)] = []
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: path.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let i = words.firstIndex(of: "import"), i + 1 < words.count,
                      words[..<i].allSatisfy({ $0.hasPrefix("@") }) else { continue }
                result.append(("\(target)/\(file)", String(words[i + 1])))
            }
        }
        return result
    }

    func testTheDrawingNamesEveryTargetOfTheManifest() {
        let drawn = Self.drawnGraph()
        let declared = Self.declaredDependencies().filter { !$0.key.hasPrefix("C") }
        XCTAssertFalse(declared.isEmpty, "no targets found in Package.swift")
        XCTAssertEqual(Set(drawn.keys), Set(declared.keys), "the header comment of Package.swift must draw every Swift target")
    }

    func testEachTargetDependsOnWhatTheDrawingSays() {
        let drawn = Self.drawnGraph()
        for (target, dependencies) in Self.declaredDependencies() where !target.hasPrefix("C") {
            // XCTest comes with the toolchain; it is drawn but not declared.
            XCTAssertEqual(dependencies, (drawn[target] ?? []).subtracting(["XCTest"]), "\(target): Package.swift declares \(dependencies.sorted())")
        }
    }

    func testEveryImportInSourcesIsAnEdgeOfTheDrawing() throws {
        for (target, allowed) in Self.drawnGraph() {
            for (file, module) in try Self.imports(of: target) where !Self.toolchain.contains(module) {
                XCTAssertTrue(allowed.contains(module), "\(file) imports \(module), which the graph does not allow \(target) (allowed: \(allowed.sorted()))")
            }
        }
    }

    func testTheCoreStaysSmall() {
        let drawn = Self.drawnGraph()
        XCTAssertEqual(drawn["Gym"], ["GymRandom", "CGymThreads"])  // CGymThreads: the vector's worker threads
        XCTAssertEqual(drawn["GymNN"], ["GymRandom", "CBLAS", "CGymMath", "CGymThreads"])  // the optimisers' kernel, the products' threads
        for target in ["GymConformance", "GymPlugins", "GymAgents", "GymTabular", "GymJSON"] {
            XCTAssertFalse(drawn[target]?.contains("GymMDP") ?? true, "\(target) must not depend on the file formats")
        }
    }
}

/// Each agent's hyperparameters are declared once: a field with its default, and one entry in `keys`
/// with its `--set` name and a line saying what it is and where the default comes from.
final class AgentHyperparameterTests: XCTestCase {
    func testEveryHyperparameterHasExactlyOneDocumentedKey() throws {
        let directory = ImportGraphTests.root.appendingPathComponent("Sources/GymAgents")
        var checked = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            guard let start = text.range(of: "struct Hyperparameters: Configurable {") else { continue }
            let body = String(text[start.upperBound...])
            let fields = body.split(separator: "\n").prefix { !$0.contains("static let keys") }
                .compactMap { line -> String? in
                    let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ")
                    guard words.count > 2, words[0] == "public", words[1] == "var" else { return nil }
                    return String(words[2].split(separator: ":")[0])
                }
            XCTAssertFalse(fields.isEmpty, file)
            for field in fields {
                checked += 1
                // One entry `.init("key", \.field, ... "help")` with a help line.
                let entries = body.components(separatedBy: "\\.\(field),").count - 1 + body.components(separatedBy: "\\.\(field)))").count - 1
                XCTAssertEqual(entries, 1, "\(file): \(field) should have exactly one entry in keys")
            }
        }
        XCTAssertGreaterThan(checked, 50, "found too few hyperparameters; has the layout changed?")
    }
}
