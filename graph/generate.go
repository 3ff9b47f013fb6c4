package graph

// gqlgen finds ../gqlgen.yml and runs from the repository root.
//go:generate go run github.com/99designs/gqlgen generate
