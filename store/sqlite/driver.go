package sqlite

// The driver: see the measurements at the top of sqlite.go.
import _ "modernc.org/sqlite" // registers "sqlite"; FTS5 is built in

const driverName = "sqlite"
