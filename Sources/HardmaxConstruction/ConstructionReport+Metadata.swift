import HardmaxFormat
import HardmaxModel
import HardmaxKernel

extension ConstructionReport {
    /// The model file's `metadata`: strategy, features (count), thresholds, coefficients, projection,
    /// measureClasses (K), blocks, parameters, nonZeroParameters, maxBitLength. Numbers are written as
    /// strings (SPEC.md section 2), counts as JSON integers.
    public var metadata: JSONValue {
        func integer(_ n: Int) -> JSONValue { .number(String(n)) }
        var members: [(String, JSONValue)] = [
            ("strategy", .string(strategy.rawValue)),
            ("features", integer(features.count)),
            ("thresholds", .array(features.map { .string($0.threshold.description) })),
            ("coefficients", .array(features.map { integer($0.coefficient) })),
            ("projection", .array(projection.map { .string($0.description) })),
            ("measureClasses", integer(measureClasses)),
            ("blocks", integer(census.blocks)),
            ("parameters", integer(census.parameters)),
            ("nonZeroParameters", integer(census.nonZeroParameters)),
            ("maxBitLength", integer(census.maxBitLength)),
        ]
        if let mask {
            members.insert(("mask", .string(mask.rawValue)), at: 1)
            members.append(("labelledPositions", integer(labelledPositions)))
            members.append(("contexts", integer(contexts)))
            if let c = tokenCoefficient { members.append(("tokenCoefficient", .string(c.description))) }
        }
        return .object(members.map { JSONMember(key: $0.0, value: $0.1) })
    }
}
