/// Loss functions over a batch: each returns the mean loss and writes d loss / d prediction.
public enum Loss {
    /// Mean squared error `mean((p - t)^2)` over all elements.
    public static func meanSquaredError(_ prediction: Matrix, _ target: Matrix, gradient: inout Matrix) -> Float {
        mean(prediction, target, gradient: &gradient) { d in (d * d, 2 * d) }
    }

    /// Huber (smooth L1) loss with threshold `delta`, averaged over all elements (PyTorch's
    /// `smooth_l1_loss` for delta 1, used by DQN).
    public static func huber(_ prediction: Matrix, _ target: Matrix, delta: Float = 1, gradient: inout Matrix) -> Float {
        mean(prediction, target, gradient: &gradient) { d in
            abs(d) <= delta ? (0.5 * d * d, d) : (delta * (abs(d) - 0.5 * delta), delta * (d > 0 ? 1 : -1))
        }
    }

    /// The mean over all elements of `term(p - t).loss`, with d loss / d p = `term(p - t).slope / count`.
    @inline(__always)
    private static func mean(_ prediction: Matrix, _ target: Matrix, gradient: inout Matrix,
                             _ term: (Float) -> (loss: Float, slope: Float)) -> Float {
        precondition(prediction.data.count == target.data.count)
        gradient.resize(rows: prediction.rows, columns: prediction.columns)
        let n = Float(prediction.data.count)
        var sum: Float = 0
        for i in prediction.data.indices {
            let (loss, slope) = term(prediction.data[i] - target.data[i])
            sum += loss
            gradient.data[i] = slope / n
        }
        return sum / n
    }
}
