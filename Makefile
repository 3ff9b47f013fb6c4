# mandategraph: the two commands a user needs are `make run` and `make test`.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
GO ?= go
BIN := bin/mandategraph
DATA ?= data
export NEO4J_PORT ?= 7687
export LISTEN_ADDR ?= 127.0.0.1:8080

.PHONY: import-bundled run test neo4j neo4j-stop neo4j-status build generate check-generated vet bench bench-api clean

## run: start Neo4j if needed, build, load the bundled dataset, serve the API
run: neo4j build
	$(BIN) load $(DATA)
	@echo
	@echo "mandategraph is serving:"
	@echo "  GraphQL endpoint:   http://$(LISTEN_ADDR)/graphql"
	@echo "  GraphQL playground: http://$(LISTEN_ADDR)/playground"
	@echo "  readiness:          http://$(LISTEN_ADDR)/readyz"
	@echo "Stop with Ctrl-C; stop Neo4j with 'make neo4j-stop'."
	@echo
	exec $(BIN) serve

## test: start the Neo4j test server (NEO4J_TEST_PORT, default 7688; own data directory) if needed,
## run every test (unit and integration), stop what it started; never touches the server make run uses
test:
	scripts/test.sh

neo4j:
	scripts/neo4j.sh start

neo4j-stop:
	scripts/neo4j.sh stop

neo4j-status:
	scripts/neo4j.sh status

build:
	$(GO) build -o $(BIN) .

generate:
	$(GO) generate ./...

## check-generated: fail if `go generate ./...` would change the tree
check-generated:
	scripts/check-generated.sh

vet:
	$(GO) vet ./...

## bench: the loader benchmark at 10k, 100k and 1M relationships (see docs/performance.md),
## on the test server (NEO4J_TEST_PORT), never the one make run uses
bench:
	scripts/test.sh $(GO) test ./neo4jdb/ -run '^$$' -bench BenchmarkLoad -benchtime 1x -timeout 60m

## bench-api: the API against the floor and @neo4j/graphql, bundled and large (docs/performance.md);
## starts its own Neo4j on BENCH_NEO4J_PORT (its graph is replaced)
BENCH_NEO4J_PORT ?= 7699
bench-api:
	cd bench/peer && npm ci --no-audit --no-fund --loglevel=error
	$(GO) run ./bench -neo4j-port $(BENCH_NEO4J_PORT) $(BENCH_ARGS)

clean:
	rm -rf bin

## import-bundled: regenerate data/import/selection.tsv and data/imported/ from ../shared (see data/README.md)
import-bundled:
	scripts/import-bundled.sh
