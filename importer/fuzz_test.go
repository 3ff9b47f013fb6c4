package importer_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mandategraph/mandategraph/importer"
)

// FuzzReadAKN: no input makes the XML path panic or hang.
func FuzzReadAKN(f *testing.F) {
	f.Add([]byte(synthetic("9999", "2030", "2030-05-02", para("1.", "Decides:")+para("(a)", "x")+para("(i)", "y"))))
	f.Add([]byte(`<akomaNtoso><statement><mainBody><paragraph><num>(a)</num></paragraph></mainBody></statement></akomaNtoso>`))
	f.Add([]byte(`<a><b></a>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := importer.ReadDraft("fuzz.xml", append([]byte("<"), data...))
		if err == nil {
			importer.Build(d)
		}
	})
}

// FuzzReadText: no input makes the plain-text path panic or hang.
func FuzzReadText(f *testing.F) {
	if files, _ := filepath.Glob(filepath.Join(goldDir, "S_RES_14*.txt")); len(files) > 0 {
		if data, err := os.ReadFile(files[0]); err == nil {
			f.Add(string(data))
		}
	}
	f.Add("Resolution 1 (2030)\nof 2 May 2030\n\nThe Security Council,\n\n1. Decides:\n(a) x;\n(i) y; 12\n\n2. Ends.\n")
	f.Add("The Security Council,\n(ii)\n1.\n")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := importer.ReadText(s, "fuzz.txt")
		if err == nil {
			importer.Build(d)
		}
	})
}
