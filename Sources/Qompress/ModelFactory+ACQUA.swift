import QompressACQUA
import QompressCore
import QompressTraining

extension ModelFactory {
    /// The layer builder of CLIP-ACQUA models: `model(_:generator:threads:namePrefix:)`, which
    /// turns the architecture's `BackendSpec` into a statevector or MPS quantum layer.
    public static func acquaBuilder(threads: Int = 0) -> ACQUALayerBuilder {
        { specs, prefix, generator in try model(specs, generator: &generator, threads: threads, namePrefix: prefix) }
    }
}
