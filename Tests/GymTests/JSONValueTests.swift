import XCTest
import Gym

final class JSONValueTests: XCTestCase {
    func testEncodingIsCompactSortedAndExact() {
        let value: JSONValue = ["b": [1, 2.5, "x\"\n"], "a": nil, "c": true]
        XCTAssertEqual(value.encoded(), #"{"a":null,"b":[1,2.5,"x\"\n"],"c":true}"#)
        XCTAssertEqual(JSONValue.number(0.1).encoded(), "0.1")
        XCTAssertEqual(JSONValue.number(-.infinity).encoded(), "null")
    }
}
