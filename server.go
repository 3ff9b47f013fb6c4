// Command mandategraph serves and loads the mandategraph knowledge graph of UN
// peacekeeping mandates, guidance documents and the tensions and
// convergences between their agendas.
//
//	mandategraph serve                    serve the GraphQL API on LISTEN_ADDR
//	mandategraph validate DIR...          check a dataset, report every problem, write nothing
//	mandategraph load [flags] DIR...      make the graph equal to the dataset, all or nothing
//	mandategraph version                  print the Neo4j server's version
//	mandategraph export --format F ...    write the graph as GraphML, GEXF, JSON or CSV
//
// Configuration comes from the environment; see envVars and the README.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mandategraph/mandategraph/explore"
	"github.com/mandategraph/mandategraph/export"
	"github.com/mandategraph/mandategraph/graph"
	"github.com/mandategraph/mandategraph/httpapi"
	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/playground"
)

// envVars lists every environment variable the binary reads, with its
// meaning; the README documents the same list and a test checks that
// docker-compose.yml only sets these.
var envVars = map[string]string{
	neo4jdb.EnvURI:            "Neo4j URI: bolt:// for one server, neo4j:// or neo4j+s:// for a cluster or Aura",
	neo4jdb.EnvPort:           "Bolt port used to build the default NEO4J_URI",
	neo4jdb.EnvUser:           "Neo4j user",
	neo4jdb.EnvPassword:       "Neo4j password",
	neo4jdb.EnvDatabase:       "Neo4j database name (default: the server's default)",
	neo4jdb.EnvTxTimeout:      "server-side timeout of every transaction",
	"LISTEN_ADDR":             "HTTP listen address",
	httpapi.EnvReadTimeout:    "time to read a whole request, body included (default 15s)",
	httpapi.EnvWriteTimeout:   "time to write a response after the request's headers (default 45s)",
	httpapi.EnvIdleTimeout:    "how long a kept-alive connection may idle (default 2m)",
	httpapi.EnvRequestTimeout: "deadline of a request; cancels its Neo4j work (default 30s)",
	httpapi.EnvExportTimeout:  "deadline of one export under /export/, which is not cut at HTTP_WRITE_TIMEOUT while it keeps moving (default 10m)",
	httpapi.EnvCORSOrigins:    "CORS allow-list of /graphql and /export/: comma-separated origins such as https://a.example.org, or * (default: none, no cross-origin access)",
	envPlayground:             "true or false: serve the GraphiQL playground at /playground (default true; false: 404)",
	envExplorer:               "true or false: serve the graph explorer at /explore (default true; false: 404)",
	httpapi.EnvApplySchema:    "true or false: serve applies a missing Neo4j schema (default true); false for a read-only Neo4j user: serve only checks it and is not ready without it",
	"LOG_LEVEL":               "debug, info, warn or error",
	graph.EnvMaxDepth:         "maximum field nesting of a GraphQL operation (default 12; introspection fields not counted)",
	graph.EnvMaxComplexity:    "maximum GraphQL complexity score (default 5000; a page counts its items `first` times)",
	graph.EnvMaxPageSize:      "maximum `first` of GraphQL connections and search (default 100; larger is BAD_USER_INPUT)",
	graph.EnvListFanOut:       "complexity multiplier of an unpaginated list field such as a mission's mandates (default 8)",
	graph.EnvGraphOpCost:      "complexity of one graph operation such as search or neighborhood (default 100, times its depth or hops)",
	graph.EnvMaxDBQueries:     "database queries one GraphQL request may make (default 100)",
	graph.EnvMaxResultObjects: "objects the database reads of one GraphQL request may return (default 200000)",
	graph.EnvMaxTokens:        "tokens of a GraphQL query; the parser stops there, before validation (default 10000)",
	graph.EnvIntrospection:    "true or false: allow GraphQL introspection (default true)",
	graph.EnvMaxBodyBytes:     "maximum GraphQL POST body in bytes (default 1048576; larger is 413)",
}

const usage = `usage: mandategraph <command> [arguments]

commands:
  serve                    serve the GraphQL API on LISTEN_ADDR (default 127.0.0.1:8080)
  version                  print the version of the Neo4j server NEO4J_URI points at
  validate DIR...          check dataset directories and report every problem
  load [--dry-run] [--allow-deletions] [--max-delete-share F] [--batch-size N] [--stage-above N] [--stage-batch-size N] [--workers N] [--progress-interval D] DIR...
                           make the graph equal to the dataset, all or nothing
                           (one transaction; above N rows of difference, default
                           200000, a staged copy and one switch transaction)
                           refused when it would delete more than
                           --max-delete-share (default 0.5) of the graph's
                           nodes, unless --allow-deletions
  import --report [--clauses] PATH...
                           read resolutions (Akoma Ntoso XML, EOSG JSON, plain
                           text) and report what was found; writes nothing
  import --with DIR (--out OUT | --load [--dry-run]) [--text=false] PATH...
                           convert them into dataset files joining DIR, or load
                           DIR plus them (validated, all or nothing, as load)
  export --format FORMAT [--mission ID] [--node-kinds K,...] [--edge-kinds K,...] [--out FILE]
                           write the graph, or the filtered part, as graphml, gexf,
                           cytoscape, graphology, nodes-csv or edges-csv
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one subcommand and returns the process exit code: 0 on
// success, 1 on failure, 2 on a usage error.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	logger := newLogger(getenv("LOG_LEVEL"), stderr)
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "serve":
		err = serve(ctx, rest, getenv, logger)
	case "version":
		err = version(ctx, getenv, stdout)
	case "validate":
		err = validate(rest, stdout, stderr)
	case "load":
		err = load(ctx, rest, getenv, stdout, stderr)
	case "import":
		err = importCmd(ctx, rest, getenv, stdout, stderr)
	case "export":
		err = exportGraph(ctx, rest, getenv, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "mandategraph: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	var uerr usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &uerr):
		fmt.Fprintf(stderr, "mandategraph: %v\n\n%s", err, usage)
		return 2
	case errors.Is(err, errReported):
		return 1
	default:
		fmt.Fprintf(stderr, "mandategraph: %v\n", err)
		return 1
	}
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errReported means the command already printed what went wrong.
var errReported = errors.New("reported")

func newLogger(level string, w io.Writer) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil || level == "" {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

func openStore(getenv func(string) string) (*neo4jdb.Store, neo4jdb.Config, error) {
	cfg, err := neo4jdb.ConfigFromEnv(getenv)
	if err != nil {
		return nil, cfg, err
	}
	store, err := neo4jdb.Open(cfg)
	return store, cfg, err
}

func serve(ctx context.Context, args []string, getenv func(string) string, logger *slog.Logger) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("serve takes no arguments, got %q", fs.Args())}
	}
	addr := getenv("LISTEN_ADDR")
	if addr == "" {
		addr = "127.0.0.1:8080"
	}
	store, cfg, err := openStore(getenv)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())

	settings, err := serveSettingsFromEnv(getenv)
	if err != nil {
		return err
	}
	readiness := httpapi.NewReadiness(store, logger)
	if !settings.applySchema {
		readiness.CheckSchemaOnly()
	}
	watchCtx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	go readiness.Watch(watchCtx, 5*time.Second)

	gql, err := graphQLHandler(store, getenv, logger)
	if err != nil {
		return err
	}
	routes := httpapi.Routes{GraphQL: gql, Export: export.Handler(store, logger), AllowedOrigins: settings.origins}
	if settings.playground {
		routes.Playground = playground.Handler()
	}
	if settings.explorer {
		routes.Explore = explore.Handler()
	}
	timeouts, err := httpapi.TimeoutsFromEnv(getenv)
	if err != nil {
		return err
	}
	srv := timeouts.Server(addr, httpapi.NewHandler(readiness, routes, logger))
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	logger.Info("serving", "addr", addr, "neo4j", cfg.URI,
		"graphql", "http://"+addr+"/graphql", "playground", "http://"+addr+"/playground",
		"explore", "http://"+addr+"/explore")

	select {
	case err := <-errc:
		return fmt.Errorf("listen on %s: %w", addr, err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

func version(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	store, cfg, err := openStore(getenv)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	info, err := store.ServerInfo(ctx)
	if err != nil {
		return fmt.Errorf("read server version from %s: %w", cfg.URI, err)
	}
	fmt.Fprintf(stdout, "%s %s %s at %s\n", info.Name, info.Version, info.Edition, cfg.URI)
	return nil
}
