package graph_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestTransportIsStrict: invalid UTF-8, bytes after the JSON body and Int
// values beyond 32 bits were replaced, ignored and accepted before; each
// is a BAD_USER_INPUT request error now, and a valid request still runs.
func TestTransportIsStrict(t *testing.T) {
	a := fixture(t)
	for _, tc := range []struct {
		name, body string
		status     int
		want       string
	}{
		{"invalid UTF-8", "{\"query\": \"{ agendas { id } }\xff\"}", http.StatusBadRequest, "not valid UTF-8"},
		{"bytes after the body", `{"query": "{ agendas { id } }"} {"query": "{ missions { totalCount } }"}`, http.StatusBadRequest, "more after its JSON object"},
		{"garbage after the body", `{"query": "{ agendas { id } }"}xyz`, http.StatusBadRequest, "more after its JSON object"},
		{"Int literal above 2^31-1", `{"query": "{ missions(first: 2147483648) { totalCount } }"}`, http.StatusBadRequest, "outside GraphQL's Int range"},
		{"Int variable above 2^31-1", `{"query": "query($n: Int) { missions(first: $n) { totalCount } }", "variables": {"n": 9007199254740993}}`, http.StatusBadRequest, "outside GraphQL's Int range"},
		{"Int literal below -2^31", `{"query": "{ missions(first: -2147483649) { totalCount } }"}`, http.StatusBadRequest, "outside GraphQL's Int range"},
		{"valid, trailing white space", "{\"query\": \"{ missions(first: 5) { totalCount } }\"} \n", http.StatusOK, ""},
	} {
		res := a.serve(t, postRequest(tc.body))
		if res.Status != tc.status {
			t.Errorf("%s: status %d, want %d: %s", tc.name, res.Status, tc.status, res.Body)
			continue
		}
		if tc.want == "" {
			if len(res.Errors) != 0 {
				t.Errorf("%s: errors %v", tc.name, res.Errors)
			}
			continue
		}
		if len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(res.Errors[0].Message, tc.want) {
			t.Errorf("%s: errors %v, want one BAD_USER_INPUT saying %q", tc.name, res.Errors, tc.want)
		}
	}
	// 2^31-1 is an Int: it reaches the resolver, which says what the page size may be.
	if res := a.post(t, `{ missions(first: 2147483647) { totalCount } }`, nil); len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "first must be at most") {
		t.Errorf("first: 2^31-1: %v", res.Errors)
	}
	// Over GET too.
	req := httptest.NewRequest(http.MethodGet, "/graphql?query=%7B+agendas+%7B+id+%7D+%7D%FF", nil)
	if res := a.serve(t, req); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "not valid UTF-8") {
		t.Errorf("GET with invalid UTF-8: %d %s", res.Status, res.Body)
	}
}
