package main

import (
	"os"
	"regexp"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestComposeUsesTheBinarysEnvNames keeps docker-compose.yml and the
// Dockerfile honest without a Docker engine: every variable they set for the
// mandategraph services is one the binary reads, and the services that talk
// to Neo4j set the connection variables.
func TestComposeUsesTheBinarysEnvNames(t *testing.T) {
	raw, err := os.ReadFile("docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Build       any               `yaml:"build"`
			Image       string            `yaml:"image"`
			Environment map[string]string `yaml:"environment"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &compose); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	if compose.Services["neo4j"].Image != "neo4j:5.26-community" {
		t.Errorf("neo4j image = %q, want neo4j:5.26-community", compose.Services["neo4j"].Image)
	}
	ours := 0
	for name, svc := range compose.Services {
		if svc.Build == nil {
			continue // a third-party image with its own variables
		}
		ours++
		for key := range svc.Environment {
			if _, ok := envVars[key]; !ok {
				t.Errorf("service %s sets %s, which the binary does not read", name, key)
			}
		}
		for _, key := range []string{"NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"} {
			if _, ok := svc.Environment[key]; !ok {
				t.Errorf("service %s does not set %s", name, key)
			}
		}
	}
	if ours < 2 {
		t.Errorf("found %d services built from the Dockerfile, want the loader and the API", ours)
	}

	dockerfile, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`(?m)^ENV (\w+)=`).FindAllStringSubmatch(string(dockerfile), -1) {
		if _, ok := envVars[m[1]]; !ok {
			t.Errorf("Dockerfile sets ENV %s, which the binary does not read", m[1])
		}
	}
}
