/// AUTH [username] password: authenticates the session as a user.
///
/// CacheLab has one user, `default`, as a fresh Redis does. Without `requirepass` it needs no
/// password (any password is accepted for it by name, and the one-argument form is refused
/// as a likely mistake); with `requirepass`, that password is the default user's.
extension ConnectionCommands {
    static func auth(_ c: CommandContext) throws(Reply) -> Reply {
        guard c.argc <= 3 else { throw RedisError.syntax }
        let user: Bytes
        let password: Bytes
        if c.argc == 2 {
            guard c.engine.config.requirePassword != nil else {
                throw Reply.error("ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?")
            }
            user = "default"
            password = c[1]
        } else {
            user = c[1]
            password = c[2]
        }
        guard authenticate(c.engine.config, user: user, password: password) else { throw wrongPassword }
        c.session.isAuthenticated = true
        return .ok
    }

    static let wrongPassword = Reply.error("WRONGPASS invalid username-password pair or user is disabled.")

    /// Whether `password` is right for `user`: only `default` exists, and it takes any password
    /// until `requirepass` gives it one.
    static func authenticate(_ config: Config, user: Bytes, password: Bytes) -> Bool {
        guard user == "default" else { return false }
        guard let required = config.requirePassword else { return true }
        return required == password
    }
}

extension Engine {
    /// Redis's `authRequired`: whether `session` has to log in before it may run anything but
    /// the no_auth commands (the default user has a password, and the session has not given it).
    @inline(__always) func mustLogIn(_ session: Session) -> Bool {
        !session.isAuthenticated && config.requirePassword != nil
    }

    /// A new connection's login, and RESET's: logged in as the default user unless it has a
    /// password.
    func logInAsDefaultUser(_ session: Session) {
        session.isAuthenticated = config.requirePassword == nil
    }
}
