import Numerics
import QompressCore
import QompressStatevector

func maxDistance(_ a: [Complex<Double>], _ b: [Complex<Double>]) -> Double {
    zip(a, b).map { ($0 - $1).length }.max() ?? 0
}
