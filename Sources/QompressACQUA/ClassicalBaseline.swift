extension ACQUAArchitecture {
    /// The classical baseline of this architecture: the same encoder and decoder with the
    /// circuit replaced by Dense(q→q)+tanh, trained with the same loss, trainer and split.
    public var classicalBaseline: ACQUAArchitecture {
        var copy = self
        copy.bottleneck = .classical
        return copy
    }
}
