import Gym
import GymNN
import XCTest

/// The fast paths of the network core give the bits of the plain formulas they replace.
final class KernelTests: XCTestCase {
    func testAdamsVectorisedStepGivesTheScalarFormulasBits() {
        var rng = RandomSource(seed: 4)
        let count = 16 * 5 + 7  // lanes and a tail
        let start = (0..<count).map { _ in Float(rng.uniform(-1, 1)) }
        let p = Parameter(start, shape: [count])
        let adam = Adam([p], learningRate: 3e-4)
        var value = start, m = [Float](repeating: 0, count: count), v = m
        for step in 1...3 {
            // Gradients of every magnitude, exact zeros and ones small enough to flush the moments.
            let gradient = (0..<count).map { i -> Float in i % 9 == 0 ? 0 : (i % 5 == 0 ? 1e-20 : Float(rng.uniform(-3, 3))) }
            p.gradient = gradient
            adam.step()
            let c1 = 1 - powf(0.9, Float(step)), c2 = 1 - powf(0.999, Float(step))
            let stepSize = 3e-4 / c1, inverse = 1 / c2
            for i in 0..<count {
                var mi = 0.9 * m[i] + (1 - 0.9) * gradient[i]
                var vi = 0.999 * v[i] + (1 - 0.999) * gradient[i] * gradient[i]
                mi = abs(mi) < 1e-30 ? 0 : mi
                vi = vi < 1e-30 ? 0 : vi
                m[i] = mi
                v[i] = vi
                value[i] -= stepSize * mi / ((vi * inverse).squareRoot() + 1e-8)
            }
            XCTAssertEqual(p.value.map(\.bitPattern), value.map(\.bitPattern), "step \(step)")
            XCTAssertEqual(adam.firstMoments[0].map(\.bitPattern), m.map(\.bitPattern))
            XCTAssertEqual(adam.secondMoments[0].map(\.bitPattern), v.map(\.bitPattern))
        }
    }

    func testActivationLoopsGiveTheElementwiseValues() {
        let inputs: [Float] = [-3, -0.5, -0, 0, 1e-5, 0.25, 2, 30]
        for f in Activation.allCases {
            var y = inputs
            y.withUnsafeMutableBufferPointer { f.apply(toAll: $0) }
            XCTAssertEqual(y.map(\.bitPattern), inputs.map { f.apply($0).bitPattern }, "\(f)")
            var g: [Float] = [1, -2, 0.5, 3, -1, 4, 0.25, -0.5]
            let expected = zip(g, y).map { $0 * f.derivative(output: $1) }
            y.withUnsafeBufferPointer { outputs in g.withUnsafeMutableBufferPointer { f.multiplyByDerivative($0, outputs: outputs) } }
            XCTAssertEqual(g.map(\.bitPattern), expected.map(\.bitPattern), "\(f)'")
        }
    }

    func testInputGradientIsBackwardsWithoutTouchingTheParameters() {
        var rng = RandomSource(seed: 5)
        let net = MLP(sizes: [5, 12, 12, 1], activation: .relu, rng: &rng)
        let input = Matrix(rows: 6, columns: 5, data: (0..<30).map { _ in Float(rng.uniform(-1, 1)) })
        let seed = Matrix(rows: 6, columns: 1, data: (0..<6).map { _ in Float(rng.uniform(-1, 1)) })
        net.forward(input)
        let fromBackward = net.backward(seed)
        net.parameters.zeroGradients()
        net.forward(input)
        let alone = net.inputGradient(seed)
        XCTAssertEqual(alone.data.map(\.bitPattern), fromBackward.data.map(\.bitPattern))
        XCTAssertTrue(net.parameters.allSatisfy { $0.gradient.allSatisfy { $0 == 0 } }, "inputGradient accumulated into a parameter")
    }
}
