/// Loss functions over a batch: each returns the mean loss and writes d loss / d prediction.
public enum Loss {
    /// Mean squared error `mean((p - t)^2)` over all elements.
    public static func meanSquaredError(_ prediction: Matrix, _ target: Matrix, gradient: inout Matrix) -> Float {
        precondition(prediction.data.count == target.data.count)
        gradient.resize(rows: prediction.rows, columns: prediction.columns)
        let n = Float(prediction.data.count)
        var sum: Float = 0
        for i in prediction.data.indices {
            let d = prediction.data[i] - target.data[i]
            sum += d * d
            gradient.data[i] = 2 * d / n
        }
        return sum / n
    }

    /// Huber (smooth L1) loss with threshold `delta`, averaged over all elements (PyTorch's
    /// `smooth_l1_loss` for delta 1, used by DQN).
    public static func huber(_ prediction: Matrix, _ target: Matrix, delta: Float = 1, gradient: inout Matrix) -> Float {
        precondition(prediction.data.count == target.data.count)
        gradient.resize(rows: prediction.rows, columns: prediction.columns)
        let n = Float(prediction.data.count)
        var sum: Float = 0
        for i in prediction.data.indices {
            let d = prediction.data[i] - target.data[i]
            if abs(d) <= delta {
                sum += 0.5 * d * d
                gradient.data[i] = d / n
            } else {
                sum += delta * (abs(d) - 0.5 * delta)
                gradient.data[i] = delta * (d > 0 ? 1 : -1) / n
            }
        }
        return sum / n
    }
}
