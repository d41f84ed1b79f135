import Exact
import HardmaxKernel
import HardmaxModel

/// Where a fused group of feedforward layers could pass the bit limit inside the group, invisibly to the
/// fused evaluation: the plain semantics checks every layer's output, and two layers of a group whose
/// contributions cancel (a 600,000-bit weight and its negation) leave a small final value after a huge
/// intermediate one. So the fast path must not certify what the plain path refuses.
///
/// An upper bound on every value the group's layers compute one by one, for a token whose values have
/// at most β bits, from the sizes of the weights (size(p/q) = bits(p) + bits(q)):
/// - a sum of k non-zero terms t_i has numerator and denominator of at most Σ size(t_i) + ⌈log2 k⌉ + 1
///   bits (the denominator divides the product of the terms' denominators; the numerator is a sum of k
///   cross products); a product has size at most size(a) + size(b); relu does not grow a value;
/// - hidden unit u: H_u = Σ_{W1[u,i] ≠ 0} (size(W1[u,i]) + 2β) + size(b1[u]) + ⌈log2(k + 1)⌉ + 1;
/// - coordinate c after any prefix of the group's layers: 2β + Σ_{W2[c,u] ≠ 0} (size(W2[c,u]) + 2 H_u)
///   + Σ size(b2[c]) + ⌈log2 k⌉ + 1, over every unit and bias of every layer of the group.
/// This is linear in β, so it is kept as `constant + perInputBit × β`. When it is within the limit for a
/// token table, the fused evaluation is exact and nothing inside the group can pass the limit; when it
/// is not, the group is replayed layer by layer with the kernel's own semantics and bit checks.
struct FusedGroupBits {
    let constant: Int
    let perInputBit: Int

    init(_ group: [FeedForward]) {
        var constant = 0, perInputBit = 0
        let width = group[0].w2.rows
        for c in 0..<width {
            var cConstant = 0, cPerBit = 2, terms = 1
            for f in group {
                for u in 0..<f.hiddenWidth where !f.w2[c, u].isZero {
                    var hConstant = Self.size(f.b1[u]), hPerBit = 0, hTerms = 1
                    for i in 0..<f.w1.columns where !f.w1[u, i].isZero {
                        hConstant = Self.add(hConstant, Self.size(f.w1[u, i]))
                        hPerBit += 2
                        hTerms += 1
                    }
                    hConstant = Self.add(hConstant, Self.log2(hTerms) + 1)
                    cConstant = Self.add(cConstant, Self.add(Self.size(f.w2[c, u]), Self.add(hConstant, hConstant)))
                    cPerBit = Self.add(cPerBit, 2 * hPerBit)
                    terms += 1
                }
                cConstant = Self.add(cConstant, Self.size(f.b2[c]))
                terms += 1
            }
            constant = max(constant, Self.add(cConstant, Self.log2(terms) + 1))
            perInputBit = max(perInputBit, cPerBit)
        }
        (self.constant, self.perInputBit) = (constant, perInputBit)
    }

    /// True when no value the group computes layer by layer, on inputs of at most `inputBits` bits, can
    /// have more than `maxBits` bits.
    func fits(inputBits: Int, maxBits: Int) -> Bool {
        let (grown, overflow) = perInputBit.multipliedReportingOverflow(by: inputBits)
        return !overflow && Self.add(constant, grown) <= maxBits
    }

    private static func size(_ x: Rational) -> Int { x.isZero ? 0 : x.numerator.bitLength + x.denominator.bitLength }
    private static func log2(_ n: Int) -> Int { n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount }
    private static func add(_ a: Int, _ b: Int) -> Int {
        let (s, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : s
    }
}
