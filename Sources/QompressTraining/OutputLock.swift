import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An advisory, exclusive lock on an output path for as long as the value lives, so that two
/// runs writing the same checkpoint or metrics file do not silently overwrite each other: the
/// second one fails at once, naming the path. The lock lives on a hidden `.NAME.lock` file
/// beside the output (`flock(2)`, released by the kernel when the process ends, even on a crash).
public final class OutputLock {
    /// The locked output path.
    public let path: String
    private let descriptor: Int32

    /// Takes the lock on `url`'s path, creating its folder if needed.
    /// - Throws: `CheckpointError.io` when another process holds it or the lock file cannot be made.
    public init(_ url: URL) throws {
        path = url.path
        let folder = url.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lockPath = folder.appendingPathComponent(".\(url.lastPathComponent).lock").path
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CheckpointError.io("cannot create the lock file \(lockPath): errno \(errno)") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(fd)
            if reason == EWOULDBLOCK {
                throw CheckpointError.io("\(url.path) is being written by another running qompress process; choose another output path or wait for it")
            }
            throw CheckpointError.io("cannot lock \(lockPath): errno \(reason)")
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
