package neo4jdb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
	"github.com/mandategraph/mandategraph/policy"
)

func TestServerInfoOverAuthenticatedBolt(t *testing.T) {
	store := neo4jtest.Open(t)
	ctx := context.Background()
	info, err := store.ServerInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.Edition != "community" || !strings.HasPrefix(info.Version, "5.26.") {
		t.Fatalf("server = %+v, want Neo4j 5.26.x community", info)
	}
}

func TestWrongPasswordIsRejected(t *testing.T) {
	neo4jtest.Open(t) // fails or skips when no server is up
	cfg := neo4jtest.Config()
	cfg.Password += "-wrong"
	store, err := neo4jdb.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = store.Ping(ctx)
	if err == nil {
		t.Fatal("ping with a wrong password succeeded; is authentication off?")
	}
	if got := policy.ErrorCode(err); got != policy.EUNAVAILABLE {
		t.Fatalf("code = %q, want %q (err %v)", got, policy.EUNAVAILABLE, err)
	}
}

func TestApplySchemaIsIdempotent(t *testing.T) {
	store := neo4jtest.Open(t) // applies the schema once
	ctx := context.Background()
	before := store.RoundTrips()
	if err := store.ApplySchema(ctx); err != nil {
		t.Fatalf("second apply: %v", err)
	}
	// With the schema in place it only asks (SHOW INDEXES): each statement
	// it skips would have been a transaction of its own.
	if n := store.RoundTrips() - before; n != 1 {
		t.Errorf("a second ApplySchema made %d round trips, want 1", n)
	}
	ok, err := store.SchemaApplied(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Fatal("SchemaApplied = false after ApplySchema")
	}
}

// TestApplySchemaDropsKindConstraints: a database from before staged copies
// carried kind labels has a unique constraint per kind label, which would
// refuse such a copy. SchemaApplied must notice it and ApplySchema drop it.
func TestApplySchemaDropsKindConstraints(t *testing.T) {
	store := neo4jtest.Open(t)
	ctx := context.Background()
	if _, err := neo4jdb.CypherForTest(ctx, store, "CREATE CONSTRAINT clause_id IF NOT EXISTS FOR (n:Clause) REQUIRE n.id IS UNIQUE", nil); err != nil {
		t.Fatal(err)
	}
	if ok, err := store.SchemaApplied(ctx); err != nil || ok {
		t.Fatalf("SchemaApplied = %v, %v with the old clause_id constraint; want false", ok, err)
	}
	if err := store.ApplySchema(ctx); err != nil {
		t.Fatal(err)
	}
	if ok, err := store.SchemaApplied(ctx); err != nil || !ok {
		t.Fatalf("SchemaApplied = %v, %v after ApplySchema; want true", ok, err)
	}
}

func TestConfigFromEnv(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    neo4jdb.Config
		wantErr string
	}{
		{"defaults", nil, neo4jdb.Config{URI: "bolt://127.0.0.1:7687", User: "neo4j", Password: "mandategraph"}, ""},
		{"port builds the default URI", map[string]string{"NEO4J_PORT": "7688"},
			neo4jdb.Config{URI: "bolt://127.0.0.1:7688", User: "neo4j", Password: "mandategraph"}, ""},
		{"routing URI and database", map[string]string{"NEO4J_URI": "neo4j+s://x.databases.neo4j.io", "NEO4J_USER": "u", "NEO4J_PASSWORD": "p", "NEO4J_DATABASE": "db", "NEO4J_TX_TIMEOUT": "5s"},
			neo4jdb.Config{URI: "neo4j+s://x.databases.neo4j.io", User: "u", Password: "p", Database: "db", TxTimeout: 5 * time.Second}, ""},
		{"bad timeout", map[string]string{"NEO4J_TX_TIMEOUT": "soon"}, neo4jdb.Config{}, "NEO4J_TX_TIMEOUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := neo4jdb.ConfigFromEnv(func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want mention of %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
