#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the REPL keeps the user's data between sessions, like a Redis server's `dir`.
///
/// The default follows the XDG base directory convention: `$XDG_DATA_HOME/cachelab`, or
/// `~/.local/share/cachelab` when XDG_DATA_HOME is unset or empty (or not absolute, which the
/// convention says to ignore). The folder is created on first use.
public enum DataDirectory {
    /// The default data folder for this environment; nil when neither XDG_DATA_HOME nor HOME
    /// says where the user's files go.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return join(xdg, "cachelab")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return join(join(home, ".local/share"), "cachelab")
    }

    static func join(_ a: String, _ b: String) -> String {
        a.hasSuffix("/") ? a + b : a + "/" + b
    }

    /// Creates `path` and its missing parents (mode 0700 for new folders, as the user's data
    /// is private). Returns an error text when it cannot.
    public static func create(_ path: String) -> String? {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                return "cannot create \(prefix): \(String(cString: strerror(errno)))"
            }
            prefix += "/"
        }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return "\(path) is not a directory" }
        return nil
    }

    /// Where ephemeral sessions' folders are made, and the only place they are removed from.
    static let temporaryPrefix = "/tmp/cachelab-ephemeral-"

    /// A new private folder under the temporary directory, for an ephemeral session.
    public static func makeTemporary() -> String? {
        var template = Array((temporaryPrefix + "XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            guard let p = mkdtemp(buffer.baseAddress!) else { return nil }
            return String(cString: p)
        }
    }

    /// Removes a temporary folder made by `makeTemporary` and everything in it (the AOF lives
    /// in a subfolder). Symbolic links are removed, never followed. Any other path is left
    /// alone: the caller passes the folder it made, never `dir` as it is now, which CONFIG
    /// SET may have pointed anywhere.
    public static func removeTemporary(_ path: String) {
        guard path.hasPrefix(temporaryPrefix), !path.contains("/../") else { return }
        removeRecursively(path)
    }

    private static func removeRecursively(_ path: String) {
        guard let dir = opendir(path) else { return }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            guard name != "." && name != ".." else { continue }
            let child = join(path, name)
            var info = stat()
            if lstat(child, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR {
                removeRecursively(child)
            } else {
                unlink(child)
            }
        }
        closedir(dir)
        rmdir(path)
    }
}
