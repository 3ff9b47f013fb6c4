package policy_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/mandategraph/mandategraph/policy"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"2010-05-28", "2010-05-28", false},
		{"2012-02-29", "2012-02-29", false},
		{"2010-02-30", "", true},
		{"28 May 2010", "", true},
		{"2010-5-28", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		d, err := policy.ParseDate(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseDate(%q) err = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if got := d.String(); got != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if (policy.Date{}).String() != "" || !(policy.Date{}).IsZero() {
		t.Error("zero Date must be unset and print as empty")
	}
}

func TestMechanismVocabulary(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range policy.Mechanisms {
		if seen[m.Code] {
			t.Errorf("mechanism %s listed twice", m.Code)
		}
		seen[m.Code] = true
		if len(m.Kinds) == 0 || m.Description == "" {
			t.Errorf("mechanism %s needs kinds and a description", m.Code)
		}
		got, ok := policy.MechanismByCode(m.Code)
		if !ok || got.Code != m.Code {
			t.Errorf("MechanismByCode(%s) = %v, %v", m.Code, got, ok)
		}
	}
	if _, ok := policy.MechanismByCode("PARTNER_FORCE_ABUSE"); ok {
		t.Error("a near miss must not match")
	}
}

func TestErrorCode(t *testing.T) {
	notFound := policy.Errorf(policy.ENOTFOUND, "mission %q not found", "X")
	tests := []struct {
		err     error
		code    string
		message string
	}{
		{nil, "", "internal error"},
		{notFound, policy.ENOTFOUND, `mission "X" not found`},
		{fmt.Errorf("resolve: %w", notFound), policy.ENOTFOUND, `mission "X" not found`},
		{errors.New("bolt: connection reset"), policy.EINTERNAL, "internal error"},
	}
	for _, tt := range tests {
		if got := policy.ErrorCode(tt.err); got != tt.code {
			t.Errorf("ErrorCode(%v) = %q, want %q", tt.err, got, tt.code)
		}
		if tt.err != nil {
			if got := policy.ErrorMessage(tt.err); got != tt.message {
				t.Errorf("ErrorMessage(%v) = %q, want %q", tt.err, got, tt.message)
			}
		}
	}
}
