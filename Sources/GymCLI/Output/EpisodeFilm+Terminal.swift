import GymRuns

extension EpisodeFilm {
    /// Writes the animation to `path` and says so on standard output unless `quietly`.
    func save(to path: String, quietly: Bool) throws {
        try write(to: path)
        if !quietly { print("wrote \(path): \(frames.count) frames") }
    }
}
