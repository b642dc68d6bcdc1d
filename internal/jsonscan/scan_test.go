package jsonscan

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestExtent(t *testing.T) {
	tests := []struct {
		in       string
		off, max int
		end      int
		closed   bool
		deep     int
	}{
		{`{"a":1} tail`, 0, 0, 7, true, -1},
		{`x [1,[2]]`, 2, 0, 9, true, -1},
		{`{"s":"}\"{"}`, 0, 0, 12, true, -1},
		{`{"a":[1,2`, 0, 0, 9, false, -1},
		{`[[[[1]]]]`, 0, 3, 3, false, 3},
		{`[[[1]]]`, 0, 3, 7, true, -1},
		{`}`, 0, 0, 1, true, -1},
		{``, 0, 0, 0, false, -1},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			end, closed, deep := Extent(tt.in, tt.off, tt.max)
			if end != tt.end || closed != tt.closed || deep != tt.deep {
				t.Errorf("Extent(%q, %d, %d) = %d, %v, %d; want %d, %v, %d", tt.in, tt.off, tt.max, end, closed, deep, tt.end, tt.closed, tt.deep)
			}
			if e2, c2, d2 := Extent([]byte(tt.in), tt.off, tt.max); e2 != end || c2 != closed || d2 != deep {
				t.Errorf("string and []byte disagree")
			}
		})
	}
}

// For any valid JSON object or array, Extent ends exactly where it ends.
func FuzzExtent(f *testing.F) {
	for _, s := range []string{`{"a":[1,{"b":"c\"}"}]}`, `[]`, `{"k":"\\"}`, `[[[]]]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		end, closed, _ := Extent(s, 0, 0)
		if end < 0 || end > len(s) {
			t.Fatalf("end %d outside [0,%d]", end, len(s))
		}
		t2 := strings.TrimSpace(s)
		if t2 != s || len(s) == 0 || (s[0] != '{' && s[0] != '[') || !json.Valid([]byte(s)) {
			return
		}
		if !closed || end != len(s) {
			t.Fatalf("valid JSON %q: end %d closed %v", s, end, closed)
		}
	})
}
