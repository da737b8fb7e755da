import QompressTraining

/// A communicator is the group of processes that train one model data parallel.
extension Communicator: DataParallelGroup {}
