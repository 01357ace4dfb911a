import CBLAS
import CJSONC
import XCTest

final class SystemLibraryTests: XCTestCase {
    func testJSONCParsesAnObject() {
        let object = json_tokener_parse(#"{"gamma": 0.9, "states": ["a", "b"]}"#)
        XCTAssertNotNil(object)
        defer { json_object_put(object) }
        var states: OpaquePointer?
        XCTAssertEqual(json_object_object_get_ex(object, "states", &states), 1)
        XCTAssertEqual(json_object_array_length(states), 2)
    }

    func testOpenBLASMultipliesMatrices() {
        let a: [Float] = [1, 2, 3, 4]  // [[1, 2], [3, 4]]
        let b: [Float] = [5, 6, 7, 8]
        var c = [Float](repeating: 0, count: 4)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1, a, 2, b, 2, 0, &c, 2)
        XCTAssertEqual(c, [19, 22, 43, 50])
    }
}
