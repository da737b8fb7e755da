import QompressACQUA
import QompressCore
import QompressTraining

extension ModelFactory {
    /// The layer builder of CLIP-ACQUA models: `model(_:registry:generator:threads:namePrefix:)`,
    /// which turns the architecture's `BackendSpec` into a quantum layer on a registered backend.
    public static func acquaBuilder(registry: BackendRegistry = .standard, threads: Int = 0) -> ACQUALayerBuilder {
        { specs, prefix, generator in
            try model(specs, registry: registry, generator: &generator, threads: threads, namePrefix: prefix)
        }
    }
}
