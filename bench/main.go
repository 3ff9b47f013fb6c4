// Command bench measures the GraphQL API against two contenders on the same
// Neo4j and data: the floor (one hand-written Cypher per operation through
// the Go driver, no HTTP) and @neo4j/graphql 7.6.3 on graphql-yoga
// (bench/peer). It starts its own Neo4j (scripts/neo4j.sh, on -neo4j-port),
// loads each dataset with the mandategraph binary, starts mandategraph and
// the peer, checks that all three give the same answers to the seven
// operations of ops.go, then times them in interleaved rounds and prints a
// table (docs/performance.md, "The API against the floor and the peer").
//
//	go run ./bench                      # bundled and large, 3 rounds
//	go run ./bench -scales bundled      # the bundled data only
//	go run ./bench -scales tiny         # what CI runs (bench_test.go)
//	go run ./bench -scales large -ops 7 # one operation at scale
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/mandategraph/mandategraph/loader"
)

type config struct {
	root       string   // repository root
	scales     []string // bundled, large, tiny
	rounds     int
	neo4jPort  int
	startNeo4j bool   // start (and stop) Neo4j with scripts/neo4j.sh
	uri        string // else the Neo4j to use
	user, pass string
	rssCap     int64
	out        io.Writer
}

func main() {
	var cfg config
	var scales string
	var rssCapMB int64
	flag.StringVar(&scales, "scales", "bundled,large", "datasets to run, in order: bundled, large (bundled + 100,000 synthetic clauses), tiny")
	flag.IntVar(&cfg.rounds, "rounds", 3, "interleaved rounds; the table shows the median of the rounds")
	flag.IntVar(&cfg.neo4jPort, "neo4j-port", 7699, "Bolt port of the benchmark's own Neo4j (its graph is replaced: never a port whose data matters)")
	flag.Int64Var(&rssCapMB, "rss-cap-mb", 4096, "abort a cell when a server's RSS passes this many MB (the machine is shared)")
	printCypher := flag.String("print-cypher", "", "print the floor's Cypher of operation N (to PROFILE it) and exit")
	only := flag.String("ops", "", "comma-separated operations to run (e.g. 3,4,7; default all seven)")
	flag.Parse()
	if *only != "" {
		var err error
		if ops, err = selectOps(ops, strings.Split(*only, ",")); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(2)
		}
	}
	if *printCypher != "" {
		for _, o := range ops {
			if o.Name == *printCypher {
				fmt.Println(o.Cypher)
				return
			}
		}
		fmt.Fprintf(os.Stderr, "bench: no operation %q\n", *printCypher)
		os.Exit(2)
	}
	cfg.scales = strings.Split(scales, ",")
	cfg.rssCap = rssCapMB << 20
	cfg.startNeo4j = true
	cfg.user, cfg.pass = "neo4j", "mandategraph"
	if p := os.Getenv("NEO4J_PASSWORD"); p != "" {
		cfg.pass = p
	}
	cfg.out = os.Stdout
	root, err := repoRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	cfg.root = root
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if _, err := run(ctx, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// selectOps returns the operations of all named in names, in their order
// in all.
func selectOps(all []op, names []string) ([]op, error) {
	var out []op
	for _, o := range all {
		if slices.Contains(names, o.Name) {
			out = append(out, o)
		}
	}
	if len(out) != len(names) {
		return nil, fmt.Errorf("-ops %s: want distinct operation numbers from 1 to %d", strings.Join(names, ","), len(all))
	}
	return out, nil
}

// repoRoot finds the directory holding go.mod, from the working directory up.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run it inside the repository (no go.mod found)")
		}
		dir = parent
	}
}

// result is what one scale produced.
type result struct {
	scale   string
	counts  string
	params  params
	checks  map[string]string // op/contender → the first difference from the floor
	checked bool              // every operation was checked
	many    int               // the concurrency of the loaded cells (16; 4 when tiny)
	cells   map[string][]cell // "op/contender/c" → one per round
}

func key(o op, c string, conc int) string { return fmt.Sprintf("%s/%s/%d", o.Name, c, conc) }

var contenderNames = []string{"floor", "peer", "mg"}

func run(ctx context.Context, cfg config) ([]*result, error) {
	work, err := os.MkdirTemp("", "mandategraph-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	uri := cfg.uri
	if cfg.startNeo4j {
		if cfg.neo4jPort == 7687 {
			return nil, errors.New("-neo4j-port 7687 is the user's server; the benchmark replaces its graph: pick another port")
		}
		uri = fmt.Sprintf("bolt://127.0.0.1:%d", cfg.neo4jPort)
		stopNeo4j, err := startNeo4j(cfg.root, cfg.neo4jPort)
		if err != nil {
			return nil, err
		}
		defer stopNeo4j()
	}
	bin := filepath.Join(work, "mandategraph")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
	build.Dir, build.Stdout, build.Stderr = cfg.root, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return nil, fmt.Errorf("build mandategraph: %w", err)
	}
	env := append(os.Environ(), "NEO4J_URI="+uri, "NEO4J_USER="+cfg.user, "NEO4J_PASSWORD="+cfg.pass)
	var results []*result
	for _, scale := range cfg.scales {
		res, err := runScale(ctx, cfg, scale, bin, env, uri, work)
		if res != nil {
			results = append(results, res)
			printScale(cfg.out, res)
		}
		if err != nil {
			return results, err
		}
	}
	if len(results) > 1 {
		printSummary(cfg.out, results)
	}
	return results, nil
}

// startNeo4j starts the benchmark's server unless it runs, and returns
// what stops it again (nothing, when it was already running).
func startNeo4j(root string, port int) (func(), error) {
	script := filepath.Join(root, "scripts", "neo4j.sh")
	env := append(os.Environ(), "NEO4J_PORT="+strconv.Itoa(port))
	status := exec.Command(script, "status")
	status.Env = env
	if status.Run() == nil {
		return func() {}, nil
	}
	start := exec.Command(script, "start")
	start.Env, start.Stdout, start.Stderr = env, os.Stderr, os.Stderr
	if err := start.Run(); err != nil {
		return nil, fmt.Errorf("start Neo4j on port %d: %w", port, err)
	}
	return func() {
		stop := exec.Command(script, "stop")
		stop.Env, stop.Stdout, stop.Stderr = env, os.Stderr, os.Stderr
		_ = stop.Run()
	}, nil
}

// neo4jPid finds the server's process by its Bolt port in the pid file
// scripts/neo4j.sh writes; 0 when unknown (its CPU is then not reported).
func neo4jPid(root, uri string) int {
	i := strings.LastIndexByte(uri, ':')
	if i < 0 {
		return 0
	}
	b, err := os.ReadFile(filepath.Join(root, ".neo4j", "server-"+uri[i+1:], "run", "neo4j.pid"))
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return pid
}

// specs are the cells' sizes per scale: c=1 and c=16.
func specs(scale string, rssCap int64) (one, many cellSpec) {
	timeout := 30 * time.Second
	switch scale {
	case "tiny":
		return cellSpec{conc: 1, minN: 2, maxN: 2, timeout: timeout, rssCap: rssCap},
			cellSpec{conc: 4, minN: 4, maxN: 4, timeout: timeout, rssCap: rssCap}
	case "large":
		return cellSpec{conc: 1, minN: 3, maxN: 40, budget: 4 * time.Second, timeout: timeout, rssCap: rssCap},
			cellSpec{conc: 16, minN: 16, maxN: 160, budget: 6 * time.Second, timeout: timeout, rssCap: rssCap}
	}
	return cellSpec{conc: 1, minN: 10, maxN: 100, budget: 2 * time.Second, timeout: timeout, rssCap: rssCap},
		cellSpec{conc: 16, minN: 32, maxN: 400, budget: 3 * time.Second, timeout: timeout, rssCap: rssCap}
}

func runScale(ctx context.Context, cfg config, scale, bin string, env []string, uri, work string) (*result, error) {
	dirs := []string{filepath.Join(cfg.root, "data")}
	if scale == "large" || scale == "tiny" {
		bundled, diags := loader.Read(dirs...)
		if len(diags) > 0 {
			return nil, fmt.Errorf("bundled data: %v", diags)
		}
		var agendas []string
		for _, a := range bundled.Agendas {
			agendas = append(agendas, a.ID)
		}
		shape := issueShape
		if scale == "tiny" {
			shape = tinyShape
		}
		dir := filepath.Join(work, "synthetic-"+scale)
		if err := loader.WriteJSON(dir, syntheticPart(shape, agendas, 18)); err != nil {
			return nil, fmt.Errorf("write the synthetic part: %w", err)
		}
		dirs = append(dirs, dir)
	} else if scale != "bundled" {
		return nil, fmt.Errorf("unknown scale %q (want bundled, large or tiny)", scale)
	}
	fmt.Fprintf(os.Stderr, "bench: %s: loading %s\n", scale, strings.Join(dirs, " "))
	// The benchmark's graph is replaced on purpose (bundled after large
	// deletes most of it), so the load's mass-deletion guard is lifted.
	load := exec.CommandContext(ctx, bin, append([]string{"load", "--allow-deletions"}, dirs...)...)
	load.Env = env
	if out, err := load.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("load %s: %w\n%s", scale, err, out)
	}
	fl, err := newFloor(uri, cfg.user, cfg.pass)
	if err != nil {
		return nil, err
	}
	defer fl.close()
	res := &result{scale: scale, checks: map[string]string{}, cells: map[string][]cell{}}
	if res.params, res.counts, err = chooseParams(ctx, fl); err != nil {
		return nil, err
	}
	logDir := filepath.Join(work, scale)
	if err := os.MkdirAll(logDir, 0o755); err != nil {
		return nil, err
	}
	mg, err := startMandategraph(ctx, bin, env, logDir)
	if err != nil {
		return nil, err
	}
	peer, err := startPeer(ctx, cfg.root, env, logDir)
	if err != nil {
		mg.close()
		return nil, err
	}
	contenders := []contender{fl, peer, mg}
	defer func() {
		for _, c := range contenders[1:] {
			c.close()
		}
	}()
	// restart replaces a server whose memory passed the cap (a Go or
	// Node.js heap does not shrink back at once), so that the next cell
	// measures a fresh process rather than aborting at its first sample.
	restart := func(i int) error {
		contenders[i].close()
		var err error
		if contenders[i].name() == "mg" {
			contenders[i], err = startMandategraph(ctx, bin, env, logDir)
		} else {
			contenders[i], err = startPeer(ctx, cfg.root, env, logDir)
		}
		return err
	}
	neoPid := neo4jPid(cfg.root, uri)

	// The check: everyone's answer equals the floor's.
	failed := 0
	for _, o := range ops {
		vars := o.Vars(res.params)
		want, err := fl.do(ctx, o, vars)
		if err != nil {
			return res, fmt.Errorf("floor, operation %s: %w", o.Name, err)
		}
		want = canonical(want)
		if size(want) == 0 {
			return res, fmt.Errorf("operation %s: the floor's answer is empty; the check would prove nothing", o.Name)
		}
		for _, c := range contenders[1:] {
			got, err := c.do(ctx, o, vars)
			d := ""
			if err != nil {
				d = "error: " + err.Error()
			} else if d = difference(canonical(got), want, "answer"); d != "" {
				d = "differs from the floor: " + d
			}
			if d != "" {
				failed++
				res.checks[o.Name+"/"+c.name()] = d
			}
		}
		fmt.Fprintf(os.Stderr, "bench: %s: operation %s: %d values, same answer from all: %v\n", scale, o.Name, size(want),
			res.checks[o.Name+"/peer"] == "" && res.checks[o.Name+"/mg"] == "")
	}
	res.checked = failed == 0
	if failed > 0 {
		return res, fmt.Errorf("%s: %d answers differ from the floor's (see the table)", scale, failed)
	}

	// Warm-up, then interleaved rounds: per operation, each contender in
	// turn (the order rotating per round), c=1 then c=16.
	one, many := specs(scale, cfg.rssCap)
	res.many = many.conc
	for _, o := range ops {
		for _, c := range contenders {
			for range 3 {
				wctx, cancel := context.WithTimeout(ctx, one.timeout)
				_, _ = c.do(wctx, o, o.Vars(res.params))
				cancel()
			}
		}
	}
	skip := map[string]bool{} // cells that blew the memory cap are not repeated
	for r := range cfg.rounds {
		for _, o := range ops {
			for i := range contenders {
				ci := (i + r) % len(contenders)
				for _, spec := range []cellSpec{one, many} {
					c := contenders[ci]
					if rss, err := rssBytes(c.pid()); c.pid() != 0 && err == nil && rss > cfg.rssCap {
						fmt.Fprintf(os.Stderr, "bench: %s: restarting %s (RSS %d MB)\n", scale, c.name(), rss>>20)
						if err := restart(ci); err != nil {
							return res, err
						}
						c = contenders[ci]
					}
					k := key(o, c.name(), spec.conc)
					if skip[k] {
						continue
					}
					if err := ctx.Err(); err != nil {
						return res, err
					}
					if n, waited, err := fl.settle(ctx, time.Minute); err != nil {
						return res, err
					} else if waited > 0 {
						fmt.Fprintf(os.Stderr, "bench: %s: waited %v for %d transactions left by earlier cells before op %s %s c=%d\n",
							scale, waited.Round(time.Millisecond), n, o.Name, c.name(), spec.conc)
					}
					cl := runCell(ctx, c, o, o.Vars(res.params), spec, neoPid)
					res.cells[k] = append(res.cells[k], cl)
					if cl.aborted != "" {
						skip[k] = true
					}
					fmt.Fprintf(os.Stderr, "bench: %s round %d op %s %-5s c=%-2d n=%-4d p50 %8.2f ms  %7.1f req/s  errors %d %s\n",
						scale, r+1, o.Name, c.name(), spec.conc, len(cl.lat), ms(quantile(cl.lat, 0.5)), cl.throughput(), cl.errs, cl.aborted)
				}
			}
		}
	}
	return res, nil
}

// chooseParams picks the operations' inputs from the loaded graph: the
// mission with the most clauses for operation 1, fixed ids for the rest
// (present in the bundled data, so at every scale).
func chooseParams(ctx context.Context, fl *floor) (params, string, error) {
	p := params{Agendas: []string{"POC", "SSR"}, Around: "POC", From: "MONUSCO", To: "MINUSCA", SearchText: "due diligence", First: 50}
	v, err := fl.query(ctx, `MATCH (m:Entity:Mission)<-[:MANDATES]-(:Mandate)-[:HAS_CLAUSE]->(c:Clause)
		WITH m, count(c) AS n ORDER BY n DESC, m.id LIMIT 1 RETURN m.id AS result`, nil)
	if err != nil {
		return p, "", fmt.Errorf("choose the mission of operation 1: %w", err)
	}
	p.Mission, _ = v.(string)
	c, err := fl.query(ctx, `CALL () { MATCH (n:Entity) RETURN n.kind AS kind, count(*) AS n
		UNION ALL MATCH ()-[r:TENSION|CONVERGENCE]->() RETURN 'Relation' AS kind, count(*) AS n }
		RETURN collect(kind + ' ' + toString(n)) AS result`, nil)
	if err != nil {
		return p, "", fmt.Errorf("count the graph: %w", err)
	}
	var parts []string
	for _, x := range c.([]any) {
		parts = append(parts, x.(string))
	}
	return p, strings.Join(parts, ", "), nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
