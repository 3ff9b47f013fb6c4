package graph

// gqlgen finds ../gqlgen.yml and runs from the repository root.
//go:generate go tool gqlgen generate
