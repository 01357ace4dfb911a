import Gym
import GymRaster

// RGB frames of pictures (Specs/c-abi.md, "Frames"): a shape call, then a call that draws into the
// caller's buffer of height × width × 3 bytes.

/// Writes `picture`'s frame shape into `shape` (height, width): 1, or 0 when there is no picture.
private func frameShape(_ picture: Picture?, _ shape: UnsafeMutablePointer<Int64>) -> Int32 {
    guard let picture else { return 0 }
    shape[0] = Int64(picture.pixelSize.height)
    shape[1] = Int64(picture.pixelSize.width)
    return 1
}

/// Draws `picture` into `out`, which holds `capacity` bytes.
private func drawFrame(_ picture: Picture?, _ out: UnsafeMutablePointer<UInt8>, _ capacity: Int64, _ what: String) throws -> Int32 {
    guard let picture else { throw GymError.invalidArgument("\(what) draws no picture (sg_*_frame_shape returns 0 for it)") }
    let frame = try picture.rgbFrame()
    guard capacity >= Int64(frame.bytes.count) else {
        throw GymError.invalidArgument("the frame is \(frame.height) × \(frame.width) × 3 = \(frame.bytes.count) bytes; the buffer holds \(capacity)")
    }
    frame.bytes.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: $0.count) }
    return 0
}

private func picture(_ vector: VectorEnvironment, _ copy: Int64) throws -> Picture? {
    guard copy >= 0 && copy < vector.count else { throw GymError.invalidArgument("the vector has copies 0..<\(vector.count), got \(copy)") }
    return vector.picture(copy: Int(copy))
}

@_cdecl("sg_vector_frame_shape")
public func sg_vector_frame_shape(_ vector: OpaquePointer, _ copy: Int64, _ shape: UnsafeMutablePointer<Int64>) -> Int32 {
    guarded(-1) { frameShape(try picture(handle(vector).vector, copy), shape) }
}

@_cdecl("sg_vector_frame")
public func sg_vector_frame(_ vector: OpaquePointer, _ copy: Int64, _ out: UnsafeMutablePointer<UInt8>, _ capacity: Int64) -> Int32 {
    guarded(-1) { try drawFrame(try picture(handle(vector).vector, copy), out, capacity, "copy \(copy)") }
}

@_cdecl("sg_game_frame_shape")
public func sg_game_frame_shape(_ pointer: OpaquePointer, _ shape: UnsafeMutablePointer<Int64>) -> Int32 {
    frameShape(game(pointer).game.picture(), shape)
}

@_cdecl("sg_game_frame")
public func sg_game_frame(_ pointer: OpaquePointer, _ out: UnsafeMutablePointer<UInt8>, _ capacity: Int64) -> Int32 {
    guarded(-1) { try drawFrame(game(pointer).game.picture(), out, capacity, "the game") }
}
