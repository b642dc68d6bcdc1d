package report

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestFingerprint(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "(empty)"},
		{"short", "…, 5 chars"},
		{"0123456789abcdefgh", "0123…, 18 chars"},
		{"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.abcx4Q", "eyJhbGci…x4Q, 44 chars"},
		{"ééééééééééééééééééééééééäöü", "éééééééé…äöü, 27 chars"},
		{"\xff\xfe" + strings.Repeat("x", 30) + "\xe2\x82", "\ufffd\ufffdxxxxxx…x\ufffd\ufffd, 34 chars"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fingerprint(tt.in); got != tt.want {
				t.Errorf("Fingerprint(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := Mask(tt.in, true); got != tt.in {
				t.Errorf("Mask(reveal) = %q", got)
			}
		})
	}
}

func TestFingerprintLargeInputAllocatesLittle(t *testing.T) {
	big := strings.Repeat("A", 10<<20)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_ = Fingerprint(big)
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<10 {
		t.Errorf("Fingerprint of 10 MiB allocated %d bytes", n)
	}
}

func TestFinalizeOrdersAndVerdict(t *testing.T) {
	r := Report{Inputs: []Part{{Kind: KindJWT}}, Findings: []Finding{
		{Code: TokenNoExp, Severity: Warning, Side: Client, Title: "No exp", Detail: "d", Refs: []string{"RFC 7519 §4.1.4"}},
		{Code: SignatureUnverified, Severity: Info, Side: Client, Title: "Unverified", Detail: "d", Refs: []string{"RFC 7515"}},
		{Code: TokenExpired, Severity: Error, Side: Client, Title: "The access token expired 2m ago", Detail: "d", Fix: "Refresh the token. Then retry.", Refs: []string{"RFC 7519 §4.1.4"}},
		{Code: TokenMalformed, Severity: Error, Side: Client, Title: "The token is malformed", Detail: "d", Refs: []string{"RFC 7515 §7.1"}},
		{Code: TokenNoExp, Severity: Warning, Side: Client, Title: "No exp", Detail: "d", Refs: []string{"RFC 7519 §4.1.4"}},
	}}
	r.Finalize()
	got := strings.Join(r.Codes(), ",")
	want := "token.malformed,token.expired,token.no_exp,signature.unverified"
	if got != want {
		t.Fatalf("order = %s, want %s", got, want)
	}
	if r.Verdict != "The token is malformed." {
		t.Errorf("verdict = %q", r.Verdict)
	}
	r.Findings = r.Findings[1:]
	r.Finalize()
	if r.Verdict != "The access token expired 2m ago: refresh the token." {
		t.Errorf("verdict = %q", r.Verdict)
	}
	if err := r.Validate(); err != nil {
		t.Error(err)
	}
}

func TestValidateRejects(t *testing.T) {
	tests := []struct {
		name string
		f    Finding
	}{
		{"unknown code", Finding{Code: "token.nope", Severity: Error, Side: Client, Title: "t", Detail: "d", Refs: []string{"x"}}},
		{"bad severity", Finding{Code: TokenExpired, Severity: "fatal", Side: Client, Title: "t", Detail: "d", Refs: []string{"x"}}},
		{"bad side", Finding{Code: TokenExpired, Severity: Error, Side: "nobody", Title: "t", Detail: "d", Refs: []string{"x"}}},
		{"no refs", Finding{Code: TokenExpired, Severity: Error, Side: Client, Title: "t", Detail: "d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Report{Findings: []Finding{tt.f}}
			if err := r.Validate(); err == nil {
				t.Error("Validate accepted an invalid finding")
			}
		})
	}
}

// The catalogue must list exactly the codes of REPORT.md (plus this
// project's input.* and internal.* additions and the codes in additions),
// each once.
func TestCatalogueMatchesREPORT(t *testing.T) {
	b, err := os.ReadFile("testdata/REPORT.md")
	if err != nil {
		t.Fatal(err)
	}
	var doc []string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "| `") {
			code := strings.TrimPrefix(line, "| `")
			code = code[:strings.Index(code, "`")]
			doc = append(doc, code)
		}
	}
	seen := map[string]bool{}
	for _, c := range Catalogue {
		if seen[c] {
			t.Errorf("%s listed twice", c)
		}
		seen[c] = true
	}
	// Codes REPORT.md defines that no check produces yet, each owed by an
	// open issue. A code leaves this list when the engine produces it (the
	// test then insists), and nothing else may be missing.
	pending := map[string]string{
		"input.unfolded": "issue 14",
	}
	for _, c := range doc {
		switch {
		case seen[c] && pending[c] != "":
			t.Errorf("%s is in the Catalogue now: remove it from pending", c)
		case !seen[c] && pending[c] == "":
			t.Errorf("REPORT.md code %s missing from Catalogue", c)
		}
		delete(seen, c)
	}
	additions := map[string]bool{ResponseProxyAuthRequired: true, ResponseOAuthError: true, RequestDPoPProof: true}
	for c := range seen {
		if !strings.HasPrefix(c, "input.") && !strings.HasPrefix(c, "internal.") && !additions[c] {
			t.Errorf("Catalogue code %s is not in REPORT.md", c)
		}
	}
}

func TestEmptyReportJSON(t *testing.T) {
	var r Report
	r.Finalize()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"version":1`, `"request":null`, `"response":null`, `"tokens":[]`, `"findings":[]`, `"clock":null`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON %s lacks %s", b, want)
		}
	}
}

// The repository carries copies of the shared contract and conformance data so
// that a bare clone tests itself; where ../shared sits beside the checkout (CI),
// the copies must not have drifted from it.
func TestCopiesMatchShared(t *testing.T) {
	pairs := [][2]string{{"testdata/REPORT.md", "../../../shared/REPORT.md"}}
	root := "../../testdata/conformance"
	err := filepath.WalkDir("../../../shared/testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("../../../shared/testdata", p)
		pairs = append(pairs, [2]string{filepath.Join(root, rel), p})
		return nil
	})
	if err != nil {
		t.Skipf("../shared not beside the checkout: %v", err)
	}
	for _, p := range pairs {
		t.Run(p[0], func(t *testing.T) {
			ours, err := os.ReadFile(p[0])
			if err != nil {
				t.Fatalf("the repository lacks a copy of %s: %v", p[1], err)
			}
			theirs, err := os.ReadFile(p[1])
			if err != nil {
				t.Skip(err)
			}
			if !bytes.Equal(ours, theirs) {
				t.Errorf("%s differs from %s: copy it again", p[0], p[1])
			}
		})
	}
}
