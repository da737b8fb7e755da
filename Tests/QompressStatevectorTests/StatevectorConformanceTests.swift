import QompressStatevector
import QompressTestSupport
import Testing

@Test("the statevector meets the Backend contract in every configuration")
func statevectorConformsToBackend() throws {
    for configuration in [StatevectorConfiguration(threadCount: 1), StatevectorConfiguration(threadCount: 2),
                          StatevectorConfiguration(realArithmetic: false), StatevectorConfiguration(vectorExtensions: false),
                          StatevectorConfiguration(cacheBlocking: false)] {
        try BackendConformance.check(configuration)
    }
}
