import Gym
import GymNN
import XCTest

/// Finite-difference checks of every gradient, against Double-precision reference computations.
final class GradientTests: XCTestCase {
    /// The network's output computed in Double from its (Float) parameters.
    func referenceForward(_ net: MLP, _ input: [Double], parameters: [[Double]]) -> [Double] {
        var x = input
        for (i, layer) in net.layers.enumerated() {
            let w = parameters[2 * i], b = parameters[2 * i + 1]
            var y = b
            for o in 0..<layer.outputs { for k in 0..<layer.inputs { y[o] += x[k] * w[k * layer.outputs + o] } }
            let f = i == net.layers.count - 1 ? net.outputActivation : net.activation
            x = y.map { v in
                switch f {
                case .identity: return v
                case .relu: return max(v, 0)
                case .tanh: return Foundation.tanh(v)
                case .sigmoid: return 1 / (1 + Foundation.exp(-v))
                }
            }
        }
        return x
    }

    func testMLPGradientsMatchFiniteDifferences() throws {
        for activation in Activation.allCases {
            var rng = RandomSource(seed: 1)
            let net = MLP(sizes: [3, 5, 4, 2], activation: activation, outputActivation: activation == .relu ? .identity : activation, rng: &rng)
            let batch = 3
            let inputs = (0..<batch * 3).map { _ in Float(rng.uniform(-1, 1)) }
            let outputWeights = (0..<batch * 2).map { _ in Float(rng.uniform(-1, 1)) }
            // Loss = sum of output weights * outputs; its gradient with respect to the outputs is the weights.
            net.parameters.zeroGradients()
            net.forward(Matrix(rows: batch, columns: 3, data: inputs))
            let gradInput = net.backward(Matrix(rows: batch, columns: 2, data: outputWeights))
            var parameters = net.parameters.map { $0.value.map(Double.init) }
            func loss(_ params: [[Double]], _ x: [Double]) -> Double {
                (0..<batch).reduce(0.0) { total, r in
                    let y = referenceForward(net, Array(x[(r * 3)..<(r * 3 + 3)]), parameters: params)
                    return total + zip(y, outputWeights[(r * 2)..<(r * 2 + 2)]).reduce(0) { $0 + $1.0 * Double($1.1) }
                }
            }
            let x = inputs.map(Double.init)
            let h = 1e-6
            for (k, p) in net.parameters.enumerated() {
                for i in stride(from: 0, to: p.count, by: 3) {
                    parameters[k][i] += h
                    let up = loss(parameters, x)
                    parameters[k][i] -= 2 * h
                    let down = loss(parameters, x)
                    parameters[k][i] += h
                    let numeric = (up - down) / (2 * h)
                    XCTAssertEqual(Double(p.gradient[i]), numeric, accuracy: 1e-4 + 1e-3 * abs(numeric), "\(activation) parameter \(k)[\(i)]")
                }
            }
            for i in 0..<x.count {
                var xp = x, xm = x
                xp[i] += h
                xm[i] -= h
                let numeric = (loss(parameters, xp) - loss(parameters, xm)) / (2 * h)
                XCTAssertEqual(Double(gradInput.data[i]), numeric, accuracy: 1e-4 + 1e-3 * abs(numeric), "\(activation) input \(i)")
            }
        }
    }

    /// Central differences of a Float function of a vector, evaluated in Double via `f`.
    func numericGradient(_ x: [Float], _ f: ([Double]) -> Double) -> [Double] {
        let h = 1e-6
        return x.indices.map { i in
            var up = x.map(Double.init), down = up
            up[i] += h
            down[i] -= h
            return (f(up) - f(down)) / (2 * h)
        }
    }

    func testLossGradients() {
        let prediction: [Float] = [0.3, -2.5, 1.2, 0.9], target: [Float] = [0.1, 0.0, 1.1, 3.0]
        var gradient = Matrix(rows: 0, columns: 0)
        let mse = Loss.meanSquaredError(Matrix(rows: 2, columns: 2, data: prediction), Matrix(rows: 2, columns: 2, data: target), gradient: &gradient)
        XCTAssertEqual(Double(mse), (0.04 + 6.25 + 0.01 + 4.41) / 4, accuracy: 1e-6)
        let mseNumeric = numericGradient(prediction) { p in zip(p, target).reduce(0) { $0 + pow($1.0 - Double($1.1), 2) } / 4 }
        for i in 0..<4 { XCTAssertEqual(Double(gradient.data[i]), mseNumeric[i], accuracy: 1e-5) }
        let huber = Loss.huber(Matrix(rows: 2, columns: 2, data: prediction), Matrix(rows: 2, columns: 2, data: target), gradient: &gradient)
        XCTAssertEqual(Double(huber), (0.5 * 0.04 + 2.0 + 0.5 * 0.01 + 1.6) / 4, accuracy: 1e-6)
        let huberNumeric = numericGradient(prediction) { p in
            zip(p, target).reduce(0) { total, pair in
                let d = abs(pair.0 - Double(pair.1))
                return total + (d <= 1 ? 0.5 * d * d : d - 0.5)
            } / 4
        }
        for i in 0..<4 { XCTAssertEqual(Double(gradient.data[i]), huberNumeric[i], accuracy: 1e-5) }
    }

    func testCategoricalLogProbabilityAndEntropyGradients() {
        let logits: [Float] = [0.2, -1.0, 0.7, 1.5, 0.0, -0.3]
        let actions = [2, 0], weights: [Float] = [1.5, -0.5]
        var gradient = Matrix(rows: 0, columns: 0)
        let logp = Categorical.logProbabilities(Matrix(rows: 2, columns: 3, data: logits), actions: actions, weights: weights, gradient: &gradient)
        func referenceLogSoftmax(_ z: [Double]) -> [Double] {
            let m = z.max()!
            let logZ = m + Foundation.log(z.reduce(0) { $0 + Foundation.exp($1 - m) })
            return z.map { $0 - logZ }
        }
        XCTAssertEqual(Double(logp[0]), referenceLogSoftmax([0.2, -1.0, 0.7])[2], accuracy: 1e-6)
        let numeric = numericGradient(logits) { z in
            Double(weights[0]) * referenceLogSoftmax(Array(z[0..<3]))[2] + Double(weights[1]) * referenceLogSoftmax(Array(z[3..<6]))[0]
        }
        for i in 0..<6 { XCTAssertEqual(Double(gradient.data[i]), numeric[i], accuracy: 1e-5) }

        var entropyGradient = Matrix(rows: 2, columns: 3)
        let entropy = Categorical.entropy(Matrix(rows: 2, columns: 3, data: logits), weight: 0.7, addingTo: &entropyGradient)
        func referenceEntropy(_ z: [Double]) -> Double { referenceLogSoftmax(z).reduce(0) { $0 - Foundation.exp($1) * $1 } }
        XCTAssertEqual(Double(entropy[1]), referenceEntropy([1.5, 0.0, -0.3]), accuracy: 1e-6)
        let entropyNumeric = numericGradient(logits) { z in 0.7 * (referenceEntropy(Array(z[0..<3])) + referenceEntropy(Array(z[3..<6]))) }
        for i in 0..<6 { XCTAssertEqual(Double(entropyGradient.data[i]), entropyNumeric[i], accuracy: 1e-5) }
    }

    func testGaussianLogProbabilityGradients() {
        let mean: [Float] = [0.3, -0.2, 1.0, 0.5], logStd: [Float] = [-0.5, 0.2], actions: [Float] = [0.1, 0.4, 0.7, -0.6]
        let weights: [Float] = [2, -1]
        var gradMean = Matrix(rows: 0, columns: 0), gradLogStd = Matrix(rows: 0, columns: 0)
        let logp = Gaussian.logProbabilities(mean: Matrix(rows: 2, columns: 2, data: mean), logStd: Matrix(row: logStd),
                                             actions: Matrix(rows: 2, columns: 2, data: actions), weights: weights,
                                             gradMean: &gradMean, gradLogStd: &gradLogStd)
        func reference(_ mu: [Double], _ ls: [Double], row r: Int) -> Double {
            (0..<2).reduce(0.0) { total, c in
                let sigma = Foundation.exp(ls[c])
                let z = (Double(actions[r * 2 + c]) - mu[r * 2 + c]) / sigma
                return total - 0.5 * z * z - ls[c] - 0.5 * Foundation.log(2 * Double.pi)
            }
        }
        XCTAssertEqual(Double(logp[1]), reference(mean.map(Double.init), logStd.map(Double.init), row: 1), accuracy: 1e-5)
        let numericMean = numericGradient(mean) { mu in
            Double(weights[0]) * reference(mu, logStd.map(Double.init), row: 0) + Double(weights[1]) * reference(mu, logStd.map(Double.init), row: 1)
        }
        for i in 0..<4 { XCTAssertEqual(Double(gradMean.data[i]), numericMean[i], accuracy: 1e-4) }
        // The log-std gradient is per row; summed over rows it is the gradient of the shared log-std.
        let numericLogStd = numericGradient(logStd) { ls in
            Double(weights[0]) * reference(mean.map(Double.init), ls, row: 0) + Double(weights[1]) * reference(mean.map(Double.init), ls, row: 1)
        }
        for c in 0..<2 { XCTAssertEqual(Double(gradLogStd.data[c] + gradLogStd.data[2 + c]), numericLogStd[c], accuracy: 1e-4) }
        XCTAssertEqual(Double(Gaussian.entropy(logStd: [0, 0])), 2 * (0.5 + 0.5 * Foundation.log(2 * Double.pi)), accuracy: 1e-6)
    }

    func testTanhSquashDerivative() {
        let u: [Float] = [-0.7, 0.2], low: [Float] = [-2, 0], high: [Float] = [2, 1]
        let d = TanhSquash.derivative(u, low: low, high: high)
        for i in 0..<2 {
            let numeric = (Double(TanhSquash.apply([u[i] + 1e-3], low: [low[i]], high: [high[i]])[0])
                - Double(TanhSquash.apply([u[i] - 1e-3], low: [low[i]], high: [high[i]])[0])) / 2e-3
            XCTAssertEqual(Double(d[i]), numeric, accuracy: 1e-3)
        }
        XCTAssertEqual(TanhSquash.apply([0], low: [-2], high: [2]), [0])
    }
}
