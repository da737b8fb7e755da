import ArgumentParser
import Qompress

/// `--precision f64|f32` on the head commands (the fast path's arithmetic; f64 by default).
extension HeadPrecision: ExpressibleByArgument {}
