extension Limbs {
    /// Knuth's Algorithm D (TAOCP vol. 2, 4.3.1): divides u[0..<un+1] by v[0..<vn].
    ///
    /// Preconditions: vn >= 2, un >= vn, the top bit of v[vn-1] is set (the caller shifted both
    /// operands by the same amount), and u[un] is the extra top limb (possibly zero).
    /// Writes the quotient to q[0..<un-vn+1]; leaves the (shifted) remainder in u[0..<vn].
    /// - Complexity: O((un - vn + 1) * vn).
    @usableFromInline
    static func divRemKnuth(_ q: LimbPointer, _ u: LimbPointer, _ un: Int, _ v: ConstLimbPointer, _ vn: Int) {
        let vTop = v[vn - 1], vNext = v[vn - 2]
        let inv = Reciprocal(normalized: vTop)
        var j = un - vn
        while j >= 0 {
            let uTop = u[j + vn], uNext = u[j + vn - 1], uThird = u[j + vn - 2]
            // Estimate qhat = min(floor((uTop B + uNext) / vTop), B - 1), then refine with vNext
            // so that it is at most one too large (Knuth's step D3).
            var qhat: Limb, rhat: Limb, rhatOverflow: Bool
            if uTop >= vTop {
                // Only uTop == vTop is possible here.
                qhat = Limb.max
                (rhat, rhatOverflow) = uNext.addingReportingOverflow(vTop)
            } else {
                (qhat, rhat) = inv.divide(uTop, uNext)
                rhatOverflow = false
            }
            while !rhatOverflow {
                let (ph, pl) = qhat.multipliedFullWidth(by: vNext)
                if ph < rhat || (ph == rhat && pl <= uThird) { break }
                qhat -= 1
                (rhat, rhatOverflow) = rhat.addingReportingOverflow(vTop)
            }
            // u[j..<j+vn+1] -= qhat * v
            let borrow = subMul1(u + j, v, vn, qhat)
            let (top, under) = u[j + vn].subtractingReportingOverflow(borrow)
            u[j + vn] = top
            if under {
                // qhat was one too large (rare): add v back.
                qhat -= 1
                let c = addN(u + j, u + j, v, vn)
                u[j + vn] &+= c
            }
            q[j] = qhat
            j -= 1
        }
    }
}
