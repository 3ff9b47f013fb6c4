// Command gen regenerates data/import/selection.tsv and data/imported/ from
// the shared Akoma Ntoso collection (see scripts/import-bundled.sh).
//
//	go run ./internal/bundled/gen [-shared DIR] [-data DIR]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mandategraph/mandategraph/internal/bundled"
)

func main() {
	shared := flag.String("shared", "../shared/data", "the shared data directory")
	data := flag.String("data", "data", "the dataset directory")
	flag.Parse()
	root := filepath.Join(*shared, "external", "unxml-scresolutions")
	if err := bundled.Generate(root, *data, *data); err != nil {
		fmt.Fprintln(os.Stderr, "import-bundled:", err)
		os.Exit(1)
	}
}
