package graph_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestNestedListsCostTheirFanOut: agendas { documents { agendas { ... } } }
// at depth 9 (under the depth limit of 12) scored about 17 and returned
// 65 MB from the bundled data; each unpaginated list now multiplies the
// score by GRAPHQL_LIST_FANOUT, so it is rejected before any database work.
func TestNestedListsCostTheirFanOut(t *testing.T) {
	a := fixture(t)
	nest := func(levels int) string {
		q := "id"
		for i := 0; i < levels; i++ {
			field := "documents"
			if (levels-1-i)%2 == 1 {
				field = "agendas"
			}
			q = field + " { id " + q + " }"
		}
		return "{ agendas { " + q + " } }"
	}
	res := a.post(t, nest(8), nil)
	if res.Status != http.StatusBadRequest || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" ||
		!strings.Contains(res.Errors[0].Message, "complexity") {
		t.Fatalf("depth 9: status %d errors %+v", res.Status, res.Errors)
	}
	// Two nested lists stay well under the limit: 1 + 8*(2 + 8*(2 + 8)).
	res = a.post(t, nest(2), nil)
	if res.Status != http.StatusOK || len(res.Errors) != 0 {
		t.Fatalf("depth 3: status %d errors %+v", res.Status, res.Errors)
	}
}
