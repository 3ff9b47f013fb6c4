package loader_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/policy"
)

// A clause's tags say why it has each agenda: a rule with the words it
// matched, or a curator's reason. They read, write back the same, and
// each mistake is named.
func TestClauseTags(t *testing.T) {
	head := fixtureClause("POC, SSR") + "        tags:\n"
	for _, tc := range []struct{ name, tags, want string }{
		{"rule and curated", `          - {agenda: POC, rule: poc-x, phrase: protect civilians, reason: the task's name}
          - {agenda: SSR, reason: the vetting of the army is reform}
`, ""},
		{"not an agenda of the clause", `          - {agenda: HR, reason: r}
`, `tag for "HR", which is not among the clause's agendas [POC SSR]`},
		{"twice", `          - {agenda: POC, reason: r}
          - {agenda: POC, reason: s}
`, `a second tag for "POC"`},
		{"rule without phrase", `          - {agenda: POC, rule: poc-x, reason: r}
`, `missing required field "phrase" (a rule's tag names the words the rule matched)`},
		{"phrase without rule", `          - {agenda: POC, phrase: civilians, reason: r}
`, `a phrase goes with a rule`},
		{"no reason", `          - {agenda: POC, rule: poc-x, phrase: civilians}
`, `missing required field "reason"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds, diags := loader.Parse(map[string][]byte{"d.yaml": []byte(head + tc.tags)})
			if tc.want != "" {
				wantOneDiagnostic(t, diags, tc.want)
				return
			}
			if len(diags) > 0 {
				t.Fatal(diags.Lines())
			}
			c := ds.Mandates[0].Clauses[0]
			want := []policy.Tag{
				{Agenda: "POC", Source: policy.TagRule, Rule: "poc-x", Phrase: "protect civilians", Reason: "the task's name"},
				{Agenda: "SSR", Source: policy.TagCurated, Reason: "the vetting of the army is reform"},
			}
			if diff := cmp.Diff(want, c.AllTags()); diff != "" {
				t.Errorf("tags (-want +got):\n%s", diff)
			}
			var out bytes.Buffer
			if err := loader.WriteYAML(&out, ds); err != nil {
				t.Fatal(err)
			}
			again, diags := loader.Parse(map[string][]byte{"d.yaml": out.Bytes()})
			if len(diags) > 0 {
				t.Fatal(diags.Lines())
			}
			if diff := cmp.Diff(c.Tags, again.Mandates[0].Clauses[0].Tags); diff != "" {
				t.Errorf("written and read back (-want +got):\n%s\n%s", diff, out.String())
			}
		})
	}
	// An agenda without a tag is curated, with no reason recorded.
	c := policy.Clause{Agendas: []string{"POC"}}
	if got := c.AllTags(); len(got) != 1 || got[0].Source != policy.TagCurated || got[0].Reason != policy.NoReasonRecorded {
		t.Errorf("AllTags of an untagged agenda: %+v", got)
	}
}

// notTagged records an agenda a rule gives that the curator rejects, with
// the reason: it reads, writes back the same, and each mistake is named.
func TestClauseNotTagged(t *testing.T) {
	head := fixtureClause("POC") + "        notTagged:\n"
	for _, tc := range []struct{ name, rejected, want string }{
		{"two rejected", `          - {agenda: SSR, reason: joint operations alone are not reform}
          - {agenda: HR, reason: human rights named only as a condition}
`, ""},
		{"also an agenda", `          - {agenda: POC, reason: r}
`, `"POC" is rejected and also among the clause's agendas [POC]`},
		{"twice", `          - {agenda: SSR, reason: r}
          - {agenda: SSR, reason: s}
`, `"SSR" rejected a second time`},
		{"unknown agenda", `          - {agenda: XYZ, reason: r}
`, `XYZ`},
		{"no reason", `          - {agenda: SSR}
`, `missing required field "reason"`},
		{"unknown field", `          - {agenda: SSR, reason: r, rule: ssr-x}
`, `rule`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds, diags := loader.Parse(map[string][]byte{"d.yaml": []byte(head + tc.rejected)})
			if tc.want != "" {
				wantOneDiagnostic(t, diags, tc.want)
				return
			}
			if len(diags) > 0 {
				t.Fatal(diags.Lines())
			}
			c := ds.Mandates[0].Clauses[0]
			want := []policy.NotTagged{
				{Agenda: "SSR", Reason: "joint operations alone are not reform"},
				{Agenda: "HR", Reason: "human rights named only as a condition"},
			}
			if diff := cmp.Diff(want, c.NotTagged); diff != "" {
				t.Errorf("notTagged (-want +got):\n%s", diff)
			}
			for name, write := range map[string]func() (map[string][]byte, error){
				"yaml": func() (map[string][]byte, error) {
					var b bytes.Buffer
					err := loader.WriteYAML(&b, ds)
					return map[string][]byte{"d.yaml": b.Bytes()}, err
				},
				"json": func() (map[string][]byte, error) {
					dir := t.TempDir()
					if err := loader.WriteJSON(dir, ds); err != nil {
						return nil, err
					}
					files := map[string][]byte{}
					entries, err := os.ReadDir(dir)
					for _, e := range entries {
						b, rerr := os.ReadFile(filepath.Join(dir, e.Name()))
						if rerr != nil {
							return nil, rerr
						}
						files[e.Name()] = b
					}
					return files, err
				},
			} {
				files, err := write()
				if err != nil {
					t.Fatal(err)
				}
				again, diags := loader.Parse(files)
				if len(diags) > 0 {
					t.Fatal(name, diags.Lines())
				}
				if diff := cmp.Diff(c.NotTagged, again.Mandates[0].Clauses[0].NotTagged); diff != "" {
					t.Errorf("%s written and read back (-want +got):\n%s", name, diff)
				}
			}
		})
	}
}
