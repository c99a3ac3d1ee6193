#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The C library's elementary functions under names that do not clash with local variables.

@inline(__always) func sine(_ x: Double) -> Double { sin(x) }
@inline(__always) func cosine(_ x: Double) -> Double { cos(x) }
@inline(__always) func exponential(_ x: Double) -> Double { exp(x) }
@inline(__always) func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }

/// Degrees to radians.
@inline(__always) func radians(_ degrees: Double) -> Double { degrees * Double.pi / 180 }
@inline(__always) func arcTangent2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
