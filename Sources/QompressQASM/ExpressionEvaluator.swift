import Foundation

/// Evaluates parameter expressions to numbers in an environment of named parameters.
struct ExpressionEvaluator {
    /// The functions OpenQASM 2.0 defines (plus the inverse trigonometric ones).
    static let functions: [String: @Sendable (Double) -> Double] = [
        "sin": { sin($0) }, "cos": { cos($0) }, "tan": { tan($0) },
        "asin": { asin($0) }, "acos": { acos($0) }, "atan": { atan($0) },
        "exp": { exp($0) }, "ln": { log($0) }, "sqrt": { $0.squareRoot() },
    ]

    /// Values of the enclosing gate's parameters.
    var parameters: [String: Double]

    /// The value of `expression`.
    /// - Throws: `QASMError` for an unknown name or function, or a non-finite result.
    func evaluate(_ expression: Expression) throws -> Double {
        let value: Double
        switch expression {
        case let .number(v, _):
            value = v
        case let .name(name, location):
            if let v = parameters[name] {
                value = v
            } else if name == "pi" {
                value = .pi
            } else {
                throw QASMError(.undefined(what: "parameter", name: name), at: location)
            }
        case let .negate(operand, _):
            value = -(try evaluate(operand))
        case let .binary(op, lhs, rhs, _):
            let a = try evaluate(lhs), b = try evaluate(rhs)
            switch op {
            case "+": value = a + b
            case "-": value = a - b
            case "*": value = a * b
            case "/": value = a / b
            default: value = pow(a, b)
            }
        case let .call(name, argument, location):
            guard let function = ExpressionEvaluator.functions[name] else {
                throw QASMError(.undefined(what: "function", name: name), at: location)
            }
            value = function(try evaluate(argument))
        }
        guard value.isFinite else {
            throw QASMError(.nonFiniteValue("the expression evaluates to \(value)"), at: expression.location)
        }
        return value
    }
}
