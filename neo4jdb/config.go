package neo4jdb

import (
	"fmt"
	"os"
	"time"
)

// The environment variables ConfigFromEnv reads, with their defaults. The
// defaults match the local server scripts/neo4j.sh starts.
const (
	EnvURI       = "NEO4J_URI"      // default bolt://127.0.0.1:$NEO4J_PORT
	EnvPort      = "NEO4J_PORT"     // default 7687; only used to build the default URI
	EnvUser      = "NEO4J_USER"     // default neo4j
	EnvPassword  = "NEO4J_PASSWORD" // default mandategraph
	EnvDatabase  = "NEO4J_DATABASE" // default: the server's default database
	EnvTxTimeout = "NEO4J_TX_TIMEOUT"
)

// ConfigFromEnv builds a Config from the environment (getenv is os.Getenv
// in production, a map lookup in tests).
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	or := func(key, def string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return def
	}
	cfg := Config{
		URI:      or(EnvURI, "bolt://127.0.0.1:"+or(EnvPort, "7687")),
		User:     or(EnvUser, "neo4j"),
		Password: or(EnvPassword, "mandategraph"),
		Database: getenv(EnvDatabase),
	}
	if v := getenv(EnvTxTimeout); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return cfg, fmt.Errorf("%s=%q: want a positive duration such as 30s", EnvTxTimeout, v)
		}
		cfg.TxTimeout = d
	}
	return cfg, nil
}
