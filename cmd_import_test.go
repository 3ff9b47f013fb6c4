package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportReport(t *testing.T) {
	dir := t.TempDir()
	xml := `<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution"><meta><identification><FRBRWork>
<FRBRthis value="/akn/un/statement/deliberation/unsc/2030-05-02/9999-2030/!main/"/><FRBRdate date="2030-05-02" name="adoption"/></FRBRWork></identification></meta>
<coverPage><p><docNumber>S/RES/9999 (2030)</docNumber></p></coverPage>
<mainBody><paragraph><num>1.</num><content><p>Decides that MONUSCO shall give priority to the protection of civilians.</p></content></paragraph></mainBody></statement></akomaNtoso>`
	if err := os.WriteFile(filepath.Join(dir, "r.xml"), []byte(xml), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.txt"), []byte("no resolution here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"import", "--report", "--clauses", dir}, func(string) string { return "" }, &out, &errOut)
	if code != 1 {
		t.Errorf("exit %d, want 1 (one file rejected)", code)
	}
	for _, want := range []string{"S/RES/9999(2030) adopted 2030-05-02", "missions MONUSCO", `POC (poc-protection-of-civilians: "protection of civilians")`, "2 files: 1 resolutions, 1 rejected"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, out.String())
		}
	}
	if !strings.Contains(errOut.String(), "bad.txt: not a resolution text") {
		t.Errorf("stderr lacks the rejected file:\n%s", errOut.String())
	}
	if code := run(context.Background(), []string{"import", dir}, func(string) string { return "" }, &out, &errOut); code != 2 {
		t.Errorf("import without --report: exit %d, want 2", code)
	}
}
