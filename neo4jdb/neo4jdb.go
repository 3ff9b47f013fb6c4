// Package neo4jdb is mandategraph's storage: the only package that imports
// the Neo4j driver. It owns the graph model's labels and relationship types,
// the schema (constraints and indexes), the loader's writes and the API's
// reads. Every statement is parameterized; labels and relationship types are
// the constants of model.go, never taken from data: writes build their
// statements from them and from the per-kind table (kinds.go), and the
// labels read queries spell inline are checked against them
// (TestCypherUsesModelLabels).
package neo4jdb

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/mandategraph/mandategraph/policy"
)

// Config says how to reach Neo4j.
type Config struct {
	// URI is bolt://host:port for a single server, or neo4j://, neo4j+s://
	// for a cluster or Aura (routing).
	URI      string
	User     string
	Password string
	// Database is the database name; empty means the server's default.
	Database string
	// TxTimeout bounds every transaction the store runs on the server.
	TxTimeout time.Duration
}

// Store is a connection pool to Neo4j plus mandategraph's queries.
type Store struct {
	driver    neo4j.DriverWithContext
	database  string
	txTimeout time.Duration
	// roundTrips counts queries sent to the server; tests use it to prove
	// that a GraphQL request costs a number of queries bounded by its shape.
	roundTrips atomic.Int64
}

// Open creates a Store. It does not contact the server: use Ping to find
// out whether Neo4j is reachable, so a process can start before Neo4j does.
func Open(cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, errors.New("open neo4j: empty URI (set NEO4J_URI, e.g. bolt://127.0.0.1:7687)")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""),
		func(c *neo4j.Config) {
			c.SocketConnectTimeout = 5 * time.Second
			c.ConnectionAcquisitionTimeout = 10 * time.Second
			c.MaxTransactionRetryTime = 15 * time.Second
		})
	if err != nil {
		return nil, fmt.Errorf("open neo4j %s: %w", cfg.URI, err)
	}
	timeout := cfg.TxTimeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	return &Store{driver: driver, database: cfg.Database, txTimeout: timeout}, nil
}

// Close releases all connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// RoundTrips returns how many queries the store has sent so far.
func (s *Store) RoundTrips() int64 { return s.roundTrips.Load() }

// Ping checks that the server answers and accepts the credentials.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return unavailable(err)
	}
	return nil
}

// ServerInfo describes the Neo4j server the store talks to.
type ServerInfo struct {
	Name    string // "Neo4j Kernel"
	Version string // "5.26.31"
	Edition string // "community"
}

// ServerInfo reads the server's name, version and edition over Bolt.
func (s *Store) ServerInfo(ctx context.Context) (ServerInfo, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (ServerInfo, error) {
		rec, err := s.single(ctx, tx, `CALL dbms.components() YIELD name, versions, edition
			RETURN name, versions[0] AS version, edition LIMIT 1`, nil)
		if err != nil {
			return ServerInfo{}, err
		}
		var info ServerInfo
		if info.Name, err = get[string](rec, "name"); err != nil {
			return info, err
		}
		if info.Version, err = get[string](rec, "version"); err != nil {
			return info, err
		}
		info.Edition, err = get[string](rec, "edition")
		return info, err
	})
}

//go:embed schema/*.cypher
var schemaFS embed.FS

// schemaStatements returns the embedded schema statements in file order.
func schemaStatements() ([]string, error) {
	names, err := fs.Glob(schemaFS, "schema/*.cypher")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var stmts []string
	for _, name := range names {
		b, err := schemaFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		var lines []string
		for _, line := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "//") {
				lines = append(lines, line)
			}
		}
		for _, stmt := range strings.Split(strings.Join(lines, "\n"), ";") {
			if stmt = strings.TrimSpace(stmt); stmt != "" {
				stmts = append(stmts, stmt)
			}
		}
	}
	return stmts, nil
}

// ApplySchema creates the constraints and indexes the model needs. It is
// idempotent (every statement says IF NOT EXISTS or IF EXISTS) and waits for the indexes
// to come online, so a load or query right after it sees them.
func (s *Store) ApplySchema(ctx context.Context) error {
	stmts, err := schemaStatements()
	if err != nil {
		return fmt.Errorf("apply schema: %w", err)
	}
	state, err := s.schemaState(ctx)
	if err != nil {
		return fmt.Errorf("apply schema: %w", err)
	}
	// Schema commands cannot share a transaction with writes, and each must be
	// its own transaction in Neo4j 5, so they run one by one; only those that
	// would change something run (each costs a transaction, a second or more
	// on a busy machine, even when IF [NOT] EXISTS makes it do nothing).
	await := false
	for _, stmt := range stmts {
		name, drop := schemaName(stmt)
		_, exists := state[name]
		switch {
		case drop && !exists, !drop && exists && state[name] == "ONLINE":
			continue
		case !drop && exists:
			await = true // there, but not online yet
			continue
		}
		if _, err := s.execute(ctx, stmt, nil, neo4j.EagerResultTransformer, neo4j.Write); err != nil {
			return fmt.Errorf("apply schema: %w", wrapNeo4j(err))
		}
		await = await || !drop
	}
	if !await {
		return nil
	}
	if _, err := s.execute(ctx, "CALL db.awaitIndexes(300)", nil, neo4j.EagerResultTransformer, neo4j.Write); err != nil {
		return fmt.Errorf("await indexes: %w", wrapNeo4j(err))
	}
	return nil
}

// schemaState returns the state of each index by name, a unique
// constraint's index under the constraint's name.
func (s *Store) schemaState(ctx context.Context) (map[string]string, error) {
	recs, err := s.query(ctx, `SHOW INDEXES YIELD name, state, owningConstraint
		RETURN coalesce(owningConstraint, name) AS name, state`, nil)
	if err != nil {
		return nil, err
	}
	state := map[string]string{}
	for _, rec := range recs {
		name, _ := rec.Values[0].(string)
		state[name], _ = rec.Values[1].(string)
	}
	return state, nil
}

// schemaName returns the name of the constraint or index a schema
// statement creates or drops ("CREATE [FULLTEXT] CONSTRAINT|INDEX name IF
// NOT EXISTS ..." or "DROP CONSTRAINT|INDEX name IF EXISTS").
func schemaName(stmt string) (name string, drop bool) {
	fields := strings.Fields(stmt)
	for i, f := range fields {
		if (f == "CONSTRAINT" || f == "INDEX") && i+1 < len(fields) {
			return fields[i+1], fields[0] == "DROP"
		}
	}
	return "", false
}

// SchemaApplied reports whether the schema is as ApplySchema leaves it:
// every constraint and index it creates exists and is online, and none it
// drops exists.
func (s *Store) SchemaApplied(ctx context.Context) (bool, error) {
	want, unwanted := schemaNames()
	// A unique constraint shows as the index it owns.
	state, err := s.schemaState(ctx)
	if err != nil {
		return false, err
	}
	for _, name := range want {
		if state[name] != "ONLINE" {
			return false, nil
		}
	}
	for _, name := range unwanted {
		if _, exists := state[name]; exists {
			return false, nil
		}
	}
	return true, nil
}

// schemaNames lists, once, the constraints and indexes the embedded schema
// creates (want) and drops (unwanted); every load asks SchemaApplied.
var schemaNames = sync.OnceValues(func() (want, unwanted []string) {
	for _, stmt := range mustSchema() {
		switch name, drop := schemaName(stmt); {
		case name == "":
		case drop:
			unwanted = append(unwanted, name)
		default:
			want = append(want, name)
		}
	}
	return want, unwanted
})

func mustSchema() []string {
	stmts, err := schemaStatements()
	if err != nil {
		panic(err) // embedded at build time; cannot fail at run time
	}
	return stmts
}

// execute runs one auto-routed query as its own transaction.
func (s *Store) execute(ctx context.Context, query string, params map[string]any,
	transformer func() neo4j.ResultTransformer[*neo4j.EagerResult], routing neo4j.RoutingControl) (*neo4j.EagerResult, error) {
	s.roundTrips.Add(1)
	return neo4j.ExecuteQuery(ctx, s.driver, query, params, transformer,
		neo4j.ExecuteQueryWithDatabase(s.database),
		func(c *neo4j.ExecuteQueryConfiguration) { c.Routing = routing },
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.txTimeout)))
}

// readTx runs fn in a read transaction, which a cluster can route to a
// secondary. The driver may retry fn, so fn must not have side effects
// outside the transaction.
func readTx[T any](ctx context.Context, s *Store, fn func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	return readTxConfig(ctx, s, neo4j.SessionConfig{}, fn)
}

// readTxConfig is readTx in a session of config (its database and access
// mode are set here), e.g. with a smaller FetchSize for a read that is
// consumed record by record.
func readTxConfig[T any](ctx context.Context, s *Store, config neo4j.SessionConfig, fn func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	config.DatabaseName, config.AccessMode = s.database, neo4j.AccessModeRead
	session := s.driver.NewSession(ctx, config)
	defer session.Close(ctx)
	v, err := neo4j.ExecuteRead(ctx, session, fn, neo4j.WithTxTimeout(s.txTimeout))
	if err != nil {
		var zero T
		if errors.Is(ctx.Err(), context.DeadlineExceeded) && !neo4j.IsTransactionExecutionLimit(err) {
			// The deadline cut a query: the driver reports it as a
			// connection it closed, without the context's error. (While
			// Neo4j is down, the deadline instead ends the driver's
			// retries, a TransactionExecutionLimit: unavailable.)
			return zero, timedOut(err)
		}
		return zero, wrapNeo4j(err)
	}
	return v, nil
}

// run sends one query inside tx and collects its records.
func (s *Store) run(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) ([]*neo4j.Record, error) {
	s.roundTrips.Add(1)
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// single sends one query inside tx and returns its only record.
func (s *Store) single(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) (*neo4j.Record, error) {
	s.roundTrips.Add(1)
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	return res.Single(ctx)
}

// get reads a typed value from a record, failing on a missing key or a
// value of another type instead of returning a silent zero.
func get[T neo4j.RecordValue](rec *neo4j.Record, key string) (T, error) {
	v, isNil, err := neo4j.GetRecordValue[T](rec, key)
	if err != nil {
		return v, fmt.Errorf("column %q: %w", key, err)
	}
	if isNil {
		var zero T
		return zero, nil
	}
	return v, nil
}

// timedOutMessage is what a client is told when its request ran out of
// time before the graph database answered.
const timedOutMessage = "the request took longer than this server allows, and its database work was stopped; ask for less (e.g. a smaller maxHops, fewer node kinds, a narrower filter) or try again later"

// timedOut marks err as the request having run out of time. When the
// request's deadline (HTTP_REQUEST_TIMEOUT) ends a query, the driver
// closes its connection and Neo4j stops the transaction
// (TestRequestTimeoutCancelsTheNeo4jWork).
func timedOut(err error) error {
	return &policy.Error{Code: policy.EUNAVAILABLE, Message: timedOutMessage, Err: err}
}

// unavailable marks err as Neo4j being unreachable.
func unavailable(err error) error {
	return &policy.Error{Code: policy.EUNAVAILABLE, Message: "the graph database is unavailable; try again shortly", Err: err}
}

// wrapNeo4j maps driver errors to domain errors once, here: connectivity
// problems become UNAVAILABLE, everything else stays internal.
func wrapNeo4j(err error) error {
	if err == nil {
		return nil
	}
	var perr *policy.Error
	if errors.As(err, &perr) {
		return err
	}
	var nerr *neo4j.Neo4jError
	isNeo4j := errors.As(err, &nerr)
	// Out of time: the server's transaction timeout, or a deadline. Not
	// the database's fault, so say so.
	if errors.Is(err, context.DeadlineExceeded) && !isNeo4j ||
		isNeo4j && strings.HasPrefix(nerr.Code, "Neo.ClientError.Transaction.TransactionTimedOut") {
		return timedOut(err)
	}
	if neo4j.IsConnectivityError(err) {
		return unavailable(err)
	}
	if isNeo4j && (strings.HasPrefix(nerr.Code, "Neo.TransientError.General.DatabaseUnavailable") ||
		strings.HasPrefix(nerr.Code, "Neo.ClientError.Security.")) {
		return unavailable(err)
	}
	if neo4j.IsTransactionExecutionLimit(err) {
		return unavailable(err)
	}
	return err
}
