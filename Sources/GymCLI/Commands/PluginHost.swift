import ArgumentParser
import Foundation
import GymPlugins

/// `gym plugin-host --fd N LIBRARY`: the child process of an isolated plugin (Specs/plugin-abi.md).
/// Started by gym itself, never by hand.
struct PluginHostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin-host",
        abstract: "Serve one plugin library to a supervising gym over a socket (started by --isolate).",
        shouldDisplay: false)

    @Option(help: "The socket's file descriptor.")
    var fd: Int32

    @Argument(help: "The plugin library.")
    var library: String

    func run() throws {
        let status = PluginHost.serve(library: library, fd: fd)
        if status != 0 { throw ExitCode(status) }
    }
}
