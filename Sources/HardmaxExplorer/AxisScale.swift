import Exact

/// A linear map from data values to pixels, with tick marks at round values; all in exact rationals.
struct AxisScale: Sendable {
    /// The data interval shown, low < high.
    let low: Rational
    let high: Rational
    /// The pixel positions of `low` and `high` (for a vertical axis `start` is the bottom, > `end`).
    let start: Rational
    let end: Rational
    /// Tick values in [low, high], increasing, and the digits after the point their labels need.
    let ticks: [Rational]
    let tickDigits: Int

    /// - Precondition: low < high.
    /// With `integerTicks` the step is at least 1 (for layer numbers).
    init(low: Rational, high: Rational, start: Rational, end: Rational, targetTicks: Int = 6,
         integerTicks: Bool = false) {
        precondition(low < high, "AxisScale: empty interval")
        self.low = low
        self.high = high
        self.start = start
        self.end = end
        var (step, digits) = Self.niceStep(span: high - low, targetTicks: targetTicks)
        if integerTicks && step < .one { (step, digits) = (.one, 0) }
        tickDigits = digits
        var ticks: [Rational] = []
        // step > 0, so the division cannot fail.
        var k = exactQuotient(low, step).ceil()
        while Rational(k) * step <= high {
            ticks.append(Rational(k) * step)
            k += BigInt(1)
        }
        self.ticks = ticks
    }

    /// The pixel position of `value`: start + (value - low) (end - start) / (high - low).
    func pixel(_ value: Rational) -> Rational {
        // high > low, so the division cannot fail.
        start + exactQuotient(value - low, high - low) * (end - start)
    }

    /// The label of a tick: decimal text with just the digits the step needs.
    func label(_ tick: Rational) -> String { DecimalText.compact(tick, digits: tickDigits) }

    /// The smallest step in {1, 2, 5} x 10^k that is at least span / targetTicks, and the number of
    /// digits after the point that multiples of it need.
    /// - Precondition: span > 0, targetTicks >= 1.
    static func niceStep(span: Rational, targetTicks: Int) -> (step: Rational, digits: Int) {
        precondition(span.signum > 0 && targetTicks >= 1, "AxisScale.niceStep: bad arguments")
        let raw = span.divided(by: targetTicks)
        // Start from an estimate of log10(raw) by bit lengths (log10 2 ~ 0.30103), then correct.
        var k = (raw.numerator.bitLength - raw.denominator.bitLength) * 30103 / 100_000
        while power10(k) > raw { k -= 1 }
        while power10(k + 1) <= raw { k += 1 }
        // Now 10^k <= raw < 10^(k+1).
        for m in [1, 2, 5] where Rational(m) * power10(k) >= raw {
            return (Rational(m) * power10(k), max(0, -k))
        }
        return (power10(k + 1), max(0, -(k + 1)))
    }

    /// 10^k for any integer k.
    static func power10(_ k: Int) -> Rational {
        let p = Rational(BigInt(10).power(abs(k)))
        return k >= 0 ? p : exactQuotient(.one, p)
    }
}
