package graph

// DirectAnswers is how many root fields h answered with the direct writer
// (direct.go).
func DirectAnswers(h *Handler) int64 { return h.directAnswers.Load() }
