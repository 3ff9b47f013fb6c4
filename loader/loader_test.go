package loader

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mandategraph/mandategraph/policy"
)

var update = flag.Bool("update", false, "rewrite the golden .want files of testdata/bad (review each by eye)")

const (
	goodDir = "testdata/good"
	badDir  = "testdata/bad"
)

// badCases returns the names of the bad cases: each file or directory in
// testdata/bad other than the .want goldens.
func badCases(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(badDir)
	if err != nil {
		t.Fatal(err)
	}
	var cases []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".want") {
			cases = append(cases, e.Name())
		}
	}
	return cases
}

// caseName returns a case's name: its file name without extension.
func caseName(entry string) string {
	return strings.TrimSuffix(entry, filepath.Ext(entry))
}

// TestBad reads each bad case together with the good dataset, which the
// cases refer to, and compares the diagnostics with the case's golden file.
func TestBad(t *testing.T) {
	cases := badCases(t)
	if len(cases) < 30 {
		t.Errorf("only %d bad cases, want at least 30", len(cases))
	}
	for _, entry := range cases {
		t.Run(caseName(entry), func(t *testing.T) {
			ds, diags := Read(goodDir, filepath.Join(badDir, entry))
			if ds != nil {
				t.Errorf("got a dataset along with %d diagnostics; want nil", len(diags))
			}
			if len(diags) == 0 {
				t.Fatal("no diagnostics; the case should be invalid")
			}
			got := diags.Lines()
			wantFile := filepath.Join(badDir, caseName(entry)+".want")
			if *update {
				if err := os.WriteFile(wantFile, []byte(diags.Error()+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			data, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("no golden file (run go test ./loader/ -run TestBad -update and review it): %v", err)
			}
			want := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("diagnostics differ from %s (-want +got):\n%s", wantFile, diff)
			}
			if diags.Count() != len(want) {
				t.Errorf("Count() = %d, want %d", diags.Count(), len(want))
			}
		})
	}
}

// TestGoldenFilesHaveCases catches goldens left behind by removed cases.
func TestGoldenFilesHaveCases(t *testing.T) {
	names := make(map[string]bool)
	for _, c := range badCases(t) {
		names[caseName(c)] = true
	}
	entries, err := os.ReadDir(badDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".want"); ok && !names[name] {
			t.Errorf("%s has no case", e.Name())
		}
	}
}

// dateCmp compares policy dates by instant.
var dateCmp = cmp.Comparer(func(a, b policy.Date) bool { return a.Equal(b.Time) })

func TestGood(t *testing.T) {
	ds, diags := Read(goodDir)
	if len(diags) > 0 {
		t.Fatalf("good dataset has problems:\n%v", diags)
	}
	if diags.Err() != nil {
		t.Errorf("Err() = %v, want nil", diags.Err())
	}
	if diff := cmp.Diff(goodDataset(), ds, dateCmp); diff != "" {
		t.Errorf("dataset differs (-want +got):\n%s", diff)
	}
}

// goodDataset is what testdata/good decodes to.
func goodDataset() *policy.Dataset {
	yes, no := true, false
	d := policy.MustDate
	glossary := func(anchor string) policy.Provenance {
		return policy.Provenance{Source: "https://example.org/glossary#" + anchor, Status: policy.Unverified}
	}
	res9050 := policy.Provenance{
		Source: "https://example.org/S/RES/9050(2080)",
		Status: policy.Verified,
		Method: "paragraph locators checked against the synthetic fixture text",
	}
	const r = "S/RES/9050(2080)"
	return &policy.Dataset{
		Agendas: []policy.Agenda{
			{ID: "POC", Name: "Protection of civilians", Description: "Keeping civilians safe from physical violence, as a task of a peacekeeping mission.", Provenance: glossary("poc")},
			{ID: "SSR", Name: "Security sector reform", Description: "Making a state's security institutions effective, accountable and respectful of rights.", Provenance: glossary("ssr")},
		},
		Missions: []policy.Mission{
			{
				ID: "UNTM", Name: "United Nations Test Mission in Testland", HostCountries: []string{"ATA"},
				Start: d("2079-01-15"), End: d("2080-06-30"),
				Provenance: policy.Provenance{Source: "S/RES/9001(2079)", Status: policy.Verified, Method: "establishing resolution"},
			},
			{
				ID: "UNTM-S", Name: "United Nations Test Stabilization Mission in Testland", HostCountries: []string{"ATA", "BVT"},
				Start: d("2080-07-01"), Predecessor: "UNTM",
				Provenance: policy.Provenance{Source: r, Status: policy.Verified, Method: "establishing resolution"},
			},
		},
		Mandates: []policy.Mandate{
			{
				ID: "S/RES/9001(2079)", Kind: policy.Resolution, Adopted: d("2079-01-10"), Missions: []string{"UNTM"},
				Provenance: policy.Provenance{Source: "https://example.org/S/RES/9001(2079)", Status: policy.Unverified},
			},
			{
				ID: r, Kind: policy.Resolution, Adopted: d("2080-05-28"), ChapterVII: &yes,
				URL: "https://example.org/S/RES/9050(2080)", Missions: []string{"UNTM-S"}, Cites: []string{"S/RES/9001(2079)"},
				Clauses: []policy.Clause{
					{ID: r + "#12", MandateID: r, Paragraph: "12", Summary: "Makes the protection of civilians the mission's priority.", Agendas: []string{"POC"}, Provenance: res9050, Order: 1},
					{ID: r + "#12(a)", MandateID: r, Paragraph: "12(a)", Summary: "Asks the mission to protect civilians under threat of physical violence.", Text: "Protect civilians under threat of physical violence.", Agendas: []string{"POC"}, Provenance: res9050, Order: 2},
					{
						ID: r + "#14(b)(ii)", MandateID: r, Paragraph: "14(b)(ii)", Summary: "Asks the mission to support the vetting of the national army.", Agendas: []string{"SSR", "POC"},
						Provenance: policy.Provenance{Source: "https://example.org/S/RES/9050(2080)#p14", Status: policy.Unverified}, Order: 3,
					},
					{ID: r + "#16(i)(a)", MandateID: r, Paragraph: "16(i)(a)", Summary: "Under the paragraph's first heading, asks the mission to patrol where civilians are at risk.", Agendas: []string{"POC"}, Provenance: res9050, Order: 4},
				},
				Provenance: res9050,
			},
			{
				ID: "S/PRST/2080/3", Kind: policy.PresidentialStatement, Adopted: d("2080-11-02"), ChapterVII: &no,
				Missions: []string{"UNTM-S"}, Cites: []string{r}, Provenance: res9050,
			},
		},
		Documents: []policy.Document{
			{
				ID: "S/PRST/2081/7", Title: "Statement by the President of the Security Council on protection and reform (synthetic)",
				Kind: policy.DocPresidentialStatement, Issuer: "Security Council", Published: d("2081-03-14"), Year: 2081,
				Symbol: "S/PRST/2081/7", URL: "https://example.org/S/PRST/2081/7", Agendas: []string{"POC", "SSR"}, Cites: []string{r},
				Provenance: policy.Provenance{Source: "S/PRST/2081/7", Status: policy.Verified, Method: "symbol and date checked against the synthetic fixture text"},
			},
			{
				ID: "test-poc-ssr-guidance-2081", Title: "Guidance on protection and reform in test missions (synthetic)",
				Kind: policy.DocGuidance, Issuer: "Test Department of Peace Operations", Year: 2081,
				Agendas: []string{"POC", "SSR"}, Cites: []string{"S/PRST/2081/7", r},
				Provenance: policy.Provenance{Source: "https://example.org/guidance-2081", Status: policy.Unverified},
			},
			{
				ID: "test-vetting-study", Title: "Vetting and protection in Testland (synthetic)", Kind: policy.DocResearch,
				Issuer: "Example Institute", Published: d("2082-02-01"), Year: 2082,
				Provenance: policy.Provenance{Source: "test-poc-ssr-guidance-2081", Status: policy.Verified, Method: "title and date checked"},
			},
		},
		Relations: []policy.Relation{
			{
				ID: "vetting-supports-protection", Kind: policy.Convergence, Source: r + "#14(b)(ii)", Target: "POC",
				Mechanism: "SHARED_ACCOUNTABILITY", Summary: "Vetting the army removes abusers, which serves both reform and the safety of civilians.",
				Strength: 2, Mission: "UNTM-S",
				Evidence: []policy.Evidence{
					{Document: "test-vetting-study", Locator: "p. 4", Note: "Finds fewer abuses by vetted units."},
					{Document: "test-poc-ssr-guidance-2081", Note: "Treats vetting as serving both agendas."},
				},
			},
			{
				ID: "priority-crowds-out-reform", Kind: policy.Tension, Source: r + "#12", Target: "SSR",
				Mechanism: "RESOURCE_COMPETITION", Summary: "Making protection the priority draws staff away from reform work.", Strength: 1,
				Evidence: []policy.Evidence{{Document: "test-poc-ssr-guidance-2081", Locator: "section 3", Note: "Notes the staffing trade-off."}},
			},
			{
				ID: "statement-ddr-link", Kind: policy.Tension, Source: "S/PRST/2081/7", Target: "S/PRST/2080/3",
				Mechanism: "DDR_LINK", Summary: "Integrating former fighters into the army can bring abusers into the forces the mission supports.", Strength: 3,
				Evidence: []policy.Evidence{{Document: "S/PRST/2081/7", Note: "Calls for vetting before integration."}},
			},
		},
	}
}
