import QompressMPS
import QompressTestSupport
import Testing

@Test("the exact MPS meets the Backend contract, in real and complex arithmetic")
func mpsConformsToBackend() throws {
    for configuration in [MPSConfiguration.exact, .exact(prefersRealArithmetic: false)] {
        try BackendConformance.check(configuration)
    }
}
