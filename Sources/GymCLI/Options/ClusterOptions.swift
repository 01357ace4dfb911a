import ArgumentParser
import Foundation

/// `--ray ADDRESS` and `--python PATH`: where the runs of `gym sweep` and `gym compare` are made.
struct ClusterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Make each run a Ray task on this cluster: auto (the cluster `ray start` began on this machine), HOST:6379, or local (a Ray started for this command).", valueName: "address"))
    var ray: String?

    @Option(help: ArgumentHelp("The Python that drives Ray, with ray and swiftgym installed (default $SWIFTGYM_PYTHON, else python3).", valueName: "path"))
    var python: String?

    func validate() throws {
        if python != nil && ray == nil { throw ValidationError("--python names the Python that drives Ray; give --ray ADDRESS with it") }
        if let ray, ray.isEmpty { throw ValidationError("--ray takes an address: auto, HOST:PORT or local") }
    }

    var executor: SweepExecutor {
        guard let ray else { return .here }
        let python = python ?? ProcessInfo.processInfo.environment["SWIFTGYM_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
        return .ray(address: ray, python: python)
    }
}
