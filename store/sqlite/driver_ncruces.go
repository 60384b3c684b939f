//go:build ncruces

package sqlite

import (
	"github.com/ncruces/go-sqlite3"
	_ "github.com/ncruces/go-sqlite3/driver" // registers "sqlite3"
	"github.com/ncruces/go-sqlite3/ext/fts5"
)

func init() { sqlite3.AutoExtension(fts5.Register) }

const driverName = "sqlite3"

const driverLabel = "github.com/ncruces/go-sqlite3"
