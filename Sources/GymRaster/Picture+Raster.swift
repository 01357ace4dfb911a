import CRSVG
import Gym

/// A picture that could not be drawn: librsvg's message.
public struct RasterError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { "could not draw the picture: \(message)" }
}

extension Picture {
    /// The picture drawn into an RGB frame of `pixelSize`, by librsvg on a cairo image surface from the
    /// picture's SVG (`svg`), so that the frame and the SVG show the same thing.
    /// - Throws: `RasterError` when librsvg or cairo fails (out of memory, say).
    ///
    /// ```swift
    /// let frame = try env.picture()!.rgbFrame()
    /// print(frame.height, frame.width)   // 400 600 for cartpole-v1
    /// ```
    public func rgbFrame() throws -> RGBFrame {
        let (width, height) = pixelSize
        let document = Array(svg.utf8)
        var error: UnsafeMutablePointer<GError>?
        guard let handle = document.withUnsafeBufferPointer({ rsvg_handle_new_from_data($0.baseAddress, gsize($0.count), &error) }) else {
            throw RasterError(message: Self.take(error) ?? "librsvg could not read the SVG")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw RasterError(message: "cairo could not make a \(width) × \(height) surface")
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
            throw RasterError(message: "cairo could not make a \(width) × \(height) surface")
        }
        defer { cairo_destroy(context) }
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        var viewport = RsvgRectangle(x: 0, y: 0, width: Double(width), height: Double(height))
        guard rsvg_handle_render_document(handle, context, &viewport, &error) != 0 else {
            throw RasterError(message: Self.take(error) ?? "librsvg could not draw the SVG")
        }
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { throw RasterError(message: "cairo gave no pixels") }
        let stride = Int(cairo_image_surface_get_stride(surface))
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        bytes.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                // RGB24 keeps each pixel as a native-endian 32-bit 0xXXRRGGBB.
                let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<width {
                    let value = row[x], o = (y * width + x) * 3
                    out[o] = UInt8(truncatingIfNeeded: value >> 16)
                    out[o + 1] = UInt8(truncatingIfNeeded: value >> 8)
                    out[o + 2] = UInt8(truncatingIfNeeded: value)
                }
            }
        }
        return RGBFrame(width: width, height: height, bytes: bytes)
    }

    /// The message of a GError, which it frees.
    private static func take(_ error: UnsafeMutablePointer<GError>?) -> String? {
        guard let error else { return nil }
        defer { g_error_free(error) }
        return error.pointee.message.map { String(cString: $0) }
    }
}
