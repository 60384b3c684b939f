//go:build !ncruces

package sqlite

import _ "modernc.org/sqlite" // registers "sqlite"; FTS5 is built in

const driverName = "sqlite"

const driverLabel = "modernc.org/sqlite"
