import Foundation
import QompressCore

/// How a dense layer's weights are drawn.
public enum Initialization: String, Hashable, Sendable, Codable, CaseIterable {
    /// Glorot/Xavier uniform: U(−a, a) with a = √(6 / (fan_in + fan_out)); for tanh and sigmoid.
    case xavier
    /// He/Kaiming normal: N(0, 2 / fan_in); for ReLU.
    case he

    /// `count` values for a layer with the given fans, drawn from `generator`.
    func values(count: Int, fanIn: Int, fanOut: Int, generator: inout SeededGenerator) -> [Double] {
        switch self {
        case .xavier:
            let a = (6.0 / Double(fanIn + fanOut)).squareRoot()
            return (0..<count).map { _ in (2 * generator.nextUnit() - 1) * a }
        case .he:
            let sigma = (2.0 / Double(max(fanIn, 1))).squareRoot()
            return (0..<count).map { _ in sigma * generator.nextGaussian() }
        }
    }
}

extension SeededGenerator {
    /// A standard normal draw (Box–Muller).
    public mutating func nextGaussian() -> Double {
        let u1 = max(nextUnit(), .leastNonzeroMagnitude), u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
