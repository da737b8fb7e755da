import CMPI
import Foundation

/// The process's MPI library state: initialised at most once, finalised when the process exits.
///
/// MPI may be initialised only once per process; it is initialised for `MPI_THREAD_SERIALIZED`:
/// any thread may call MPI, one at a time (the worker threads of the simulators never do).
public enum MPIEnvironment {
    /// Whether this process was started by `mpirun`/`mpiexec` (Open MPI or PMIx set the rank in
    /// the environment). Without a launcher the tool runs as one rank and never loads MPI.
    public static var isLaunchedByMPI: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["OMPI_COMM_WORLD_SIZE"] != nil || environment["PMIX_RANK"] != nil
            || environment["PMI_RANK"] != nil
    }

    /// Initialises MPI if it is not initialised yet (and arranges `MPI_Finalize` at exit), and
    /// makes errors on `MPI_COMM_WORLD` return codes instead of aborting.
    /// - Throws: `MPIError.callFailed` when MPI cannot start.
    public static func initialize() throws {
        try lock.withLock {
            var initialized: Int32 = 0
            try check(MPI_Initialized(&initialized), "MPI_Initialized")
            if initialized != 0 { return }
            var provided: Int32 = 0
            try check(MPI_Init_thread(nil, nil, cmpi_thread_serialized(), &provided), "MPI_Init_thread")
            try check(MPI_Comm_set_errhandler(cmpi_comm_world(), cmpi_errors_return()), "MPI_Comm_set_errhandler")
            atexit {
                var finalized: Int32 = 0
                if MPI_Finalized(&finalized) == 0, finalized == 0 { MPI_Finalize() }
            }
        }
    }

    private static let lock = NSLock()

    /// Throws `MPIError.callFailed` with MPI's error text unless `code` is `MPI_SUCCESS`.
    static func check(_ code: Int32, _ function: String) throws {
        guard code != cmpi_success() else { return }
        var buffer = [CChar](repeating: 0, count: Int(cmpi_max_error_string()) + 1)
        var length: Int32 = 0
        let message = MPI_Error_string(code, &buffer, &length) == cmpi_success()
            ? String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : "unknown error"
        throw MPIError.callFailed(function: function, code: code, message: message)
    }
}
