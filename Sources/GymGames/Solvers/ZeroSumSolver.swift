import CGLPK

/// Two-player zero-sum games solved by linear programming (GLPK): the value and a maximin strategy
/// for each player.
///
/// For the first player, with payoff matrix `A`: maximise `v` subject to `Σᵢ xᵢ A[i][j] ≥ v` for every
/// column `j`, `Σᵢ xᵢ = 1`, `x ≥ 0`; the second player's program is the same on `-Aᵀ`. GLPK's simplex
/// finds the basis; for games whose payoffs are all integers, its exact rational simplex (`glp_exact`)
/// then recomputes the solution in rational arithmetic, so that their answers are exact up to the
/// final rounding to `Double`. (On arbitrary doubles the rationals grow huge: a random 100 × 100 game
/// takes about 25 s exactly against milliseconds in floating point, so those keep the simplex's answer.)
///
/// ```swift
/// let solution = try ZeroSumSolver.solve(rps)
/// solution.value            // 0
/// solution.equilibria[0]    // uniform for both players
/// ```
public enum ZeroSumSolver {
    public static let exactMethod = "linear program (GLPK simplex, then its exact rational simplex)"
    public static let floatingMethod = "linear program (GLPK simplex)"

    /// - Throws: `GameError.notApplicable` unless the game has two players and is zero-sum;
    ///   `GameError.linearProgram` when GLPK reports anything but an optimal solution.
    public static func solve(_ game: NormalFormGame) throws -> EquilibriumSet {
        guard game.playerCount == 2 else {
            throw GameError.notApplicable(solver: "the zero-sum solver", reason: "the game has \(game.playerCount) players, not 2")
        }
        guard game.isZeroSum else { throw GameError.notApplicable(solver: "the zero-sum solver", reason: "the payoffs do not sum to zero") }
        let a = game.matrix(0)
        let exact = a.joined().allSatisfy { $0 == $0.rounded() && abs($0) < 1e9 }
        let (x, v) = try maximin(a, exact: exact)
        let transposed = (0..<game.actions[1].count).map { c in a.map { -$0[c] } }
        let (y, _) = try maximin(transposed, exact: exact)
        let profile = StrategyProfile([x, y])
        let values = game.expectedPayoffs(profile)
        return EquilibriumSet(equilibria: [Equilibrium(profile: profile, values: values)], degenerate: false, complete: false,
                              value: v, method: exact ? exactMethod : floatingMethod)
    }

    /// The row player's maximin strategy and value for the payoff matrix `a` (rows: the maximiser).
    static func maximin(_ a: [[Double]], exact: Bool) throws -> ([Double], Double) {
        let rows = a.count, columns = a[0].count
        glp_term_out(GLP_OFF)
        guard let lp = glp_create_prob() else { throw GameError.linearProgram(status: "GLPK could not create a problem") }
        defer { glp_delete_prob(lp) }
        glp_set_obj_dir(lp, GLP_MAX)
        // Columns 1...rows: x; column rows+1: v (free). Rows 1...columns: Σ xᵢ A[i][j] - v ≥ 0; row columns+1: Σ x = 1.
        glp_add_cols(lp, Int32(rows + 1))
        for i in 1...rows { glp_set_col_bnds(lp, Int32(i), GLP_LO, 0, 0) }
        glp_set_col_bnds(lp, Int32(rows + 1), GLP_FR, 0, 0)
        glp_set_obj_coef(lp, Int32(rows + 1), 1)
        glp_add_rows(lp, Int32(columns + 1))
        for j in 1...columns { glp_set_row_bnds(lp, Int32(j), GLP_LO, 0, 0) }
        glp_set_row_bnds(lp, Int32(columns + 1), GLP_FX, 1, 1)
        // The constraint matrix in GLPK's 1-based triplets (index 0 unused).
        var ia: [Int32] = [0], ja: [Int32] = [0], ar: [Double] = [0]
        for j in 0..<columns {
            for i in 0..<rows {
                ia.append(Int32(j + 1)); ja.append(Int32(i + 1)); ar.append(a[i][j])
            }
            ia.append(Int32(j + 1)); ja.append(Int32(rows + 1)); ar.append(-1)
        }
        for i in 0..<rows { ia.append(Int32(columns + 1)); ja.append(Int32(i + 1)); ar.append(1) }
        glp_load_matrix(lp, Int32(ar.count - 1), ia, ja, ar)
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        parm.presolve = GLP_OFF
        let code = glp_simplex(lp, &parm)
        guard code == 0 else { throw GameError.linearProgram(status: "glp_simplex returned code \(code)") }
        if exact {
            let code = glp_exact(lp, &parm)
            guard code == 0 else { throw GameError.linearProgram(status: "glp_exact returned code \(code)") }
        }
        let status = glp_get_status(lp)
        guard status == GLP_OPT else { throw GameError.linearProgram(status: "the solution status is \(status), not optimal (\(GLP_OPT))") }
        var x = (1...rows).map { max(0, glp_get_col_prim(lp, Int32($0))) }
        let sum = x.reduce(0, +)
        x = x.map { $0 / sum }
        return (x, glp_get_obj_val(lp))
    }
}
