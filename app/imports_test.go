package ui

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// The page renders a Report and decides nothing (DESIGN.md, "One engine,
// three faces"): of the engine it imports only analyze (to run it), report
// (what it renders), render (labels shared with the CLI) and redact (the
// share link's text, from the Report's redactions).
func TestFaceImportsOnlyTheEngineFront(t *testing.T) {
	allowed := map[string]bool{"analyze": true, "report": true, "render": true, "redact": true}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			p := strings.Trim(im.Path.Value, `"`)
			if rest, ok := strings.CutPrefix(p, "github.com/authdebug/authdebug/internal/"); ok && !allowed[rest] {
				t.Errorf("%s imports %s: the page must get it through the Report or analyze", f, p)
			}
		}
	}
}
