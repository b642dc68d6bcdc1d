package servermsg

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The anchor index only skips work: MatchText gives what trying every
// catalogue message gives, on every message as written, glued inside other
// words, in log noise, and on the real captures' lines.
func TestAnchorsChangeNothing(t *testing.T) {
	var texts []string
	for _, r := range catalogue {
		m := r.message
		texts = append(texts, m, "x"+m+"y", "2026-12-07 10:00:00 ERROR [auth] "+m+" (request 42)", strings.ToUpper(m))
	}
	logs, _ := filepath.Glob("../serverlog/testdata/logs/*.txt")
	if len(logs) == 0 {
		t.Fatal("no captures")
	}
	for _, f := range logs {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	for _, s := range texts {
		for _, hint := range []string{"", "jose"} {
			fast, okF := matchText(s, hint, false)
			slow, okS := matchText(s, hint, true)
			if okF != okS || !reflect.DeepEqual(fast, slow) {
				t.Fatalf("%q (hint %q): anchored %v %+v, all %v %+v", s, hint, okF, fast, okS, slow)
			}
		}
	}
}

func TestAnchorOf(t *testing.T) {
	tests := []struct{ msg, want string }{
		{"jwt expired", ""}, // both words at the piece's edges: a text may glue them to others
		{"Signature has expired.", "has"},
		{"invalid signature for key %s in set", "signature"},
		{"%q not satisfied: values do not match", "satisfied"},
	}
	for _, tt := range tests {
		if got := anchorOf(compile(tt.msg)); got != tt.want {
			t.Errorf("anchorOf(%q) = %q, want %q", tt.msg, got, tt.want)
		}
	}
}

func FuzzAnchors(f *testing.F) {
	f.Add("Signature has expired.", "")
	f.Add("token has invalid claims: token is expired", "golang-jwt")
	f.Fuzz(func(t *testing.T, s, hint string) {
		fast, okF := matchText(s, hint, false)
		slow, okS := matchText(s, hint, true)
		if okF != okS || !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%q: anchored %v %+v, all %v %+v", s, okF, fast, okS, slow)
		}
	})
}
