package webapptest

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestProblems(t *testing.T) {
	index := `<script type="module" src="/app/assets/main-abc.js"></script><link rel="stylesheet" href="/app/assets/s-abc.css">`
	good := func() fstest.MapFS {
		return fstest.MapFS{
			"index.html":         {Data: []byte(index)},
			"assets/main-abc.js": {Data: []byte(`const ns = "http://www.w3.org/2000/svg";`)},
			"assets/s-abc.css":   {Data: []byte(`a{background:url(data:image/png;base64,AA)} b{background:url(/app/assets/i.png)}`)},
		}
	}
	harmless := map[string]string{"www.w3.org": "SVG namespace"}
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   string // in one of the problems; "" for none
	}{
		{"self-contained", func(fstest.MapFS) {}, ""},
		{"external script", func(b fstest.MapFS) {
			b["index.html"] = &fstest.MapFile{Data: []byte(index + `<script src="https://cdn.example.org/x.js"></script>`)}
		}, "external URL"},
		{"asset outside the base", func(b fstest.MapFS) {
			b["index.html"] = &fstest.MapFile{Data: []byte(index + `<link href="/other/x.css">`)}
		}, `want a path under /app/assets/`},
		{"missing asset", func(b fstest.MapFS) { delete(b, "assets/s-abc.css") }, "not in the build"},
		{"css import", func(b fstest.MapFS) {
			b["assets/s-abc.css"] = &fstest.MapFile{Data: []byte(`@import "x.css";`)}
		}, "@import"},
		{"css remote url", func(b fstest.MapFS) {
			b["assets/s-abc.css"] = &fstest.MapFile{Data: []byte(`a{background:url(https://fonts.example.org/f.woff2)}`)}
		}, "is not local"},
		{"unreviewed host in a script", func(b fstest.MapFS) {
			b["assets/main-abc.js"] = &fstest.MapFile{Data: []byte(`fetch("https://tracker.example.com/p"); fetch("https://tracker.example.com/q")`)}
		}, `unreviewed host "tracker.example.com"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := good()
			tt.change(b)
			got, err := Problems(b, "/app", harmless)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.want == "" && len(got) != 0:
				t.Errorf("problems %q, want none", got)
			case tt.want != "" && !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, tt.want) }):
				t.Errorf("problems %q, want one saying %q", got, tt.want)
			}
		})
	}
	if _, err := Problems(fstest.MapFS{}, "/app", nil); err == nil {
		t.Error("a build without index.html: no error")
	}
}
