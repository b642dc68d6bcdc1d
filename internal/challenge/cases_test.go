package challenge

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// casesPath is the WWW-Authenticate conformance file (the repository's copy,
// testdata/conformance/www-authenticate).
var casesPath = filepath.Join("..", "..", "testdata", "conformance", "www-authenticate", "cases.json")

type sharedCase struct {
	ID            string             `json:"id"`
	Input         *string            `json:"input"`
	Inputs        []string           `json:"inputs"`
	InputEncoding string             `json:"input_encoding"`
	Expect        string             `json:"expect"`
	Challenges    []report.Challenge `json:"challenges"`
	Lenient       []report.Challenge `json:"lenient_challenges"`
	Error         string             `json:"error"`
}

// latin1 turns each code point < 256 into one octet.
func latin1(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	return string(b)
}

func loadCases(t *testing.T) []sharedCase {
	t.Helper()
	data, err := os.ReadFile(casesPath)
	if err != nil {
		t.Fatalf("conformance data missing from the repository: %v", err)
	}
	var f struct {
		Count int          `json:"count"`
		Cases []sharedCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("cases.json: %v", err)
	}
	if len(f.Cases) == 0 || (f.Count != 0 && f.Count != len(f.Cases)) {
		t.Fatalf("cases.json: count %d, %d cases", f.Count, len(f.Cases))
	}
	return f.Cases
}

func TestSharedCases(t *testing.T) {
	cases := loadCases(t)
	counts := map[string]int{}
	for _, tc := range cases {
		t.Run(tc.ID, func(t *testing.T) {
			var inputs []string
			if tc.Input != nil {
				inputs = []string{*tc.Input}
			} else {
				inputs = tc.Inputs
			}
			want := tc.Challenges
			if tc.InputEncoding == "iso-8859-1" {
				for i := range inputs {
					inputs[i] = latin1(inputs[i])
				}
				want = nil
				for _, c := range tc.Challenges {
					p := map[string]string{}
					for k, v := range c.Params {
						p[k] = latin1(v)
					}
					c.Params = p
					want = append(want, c)
				}
			}
			got, errs := ParseAll(inputs)
			for _, err := range errs {
				var se *SyntaxError
				if !errors.As(err, &se) || !errors.Is(err, ErrSyntax) {
					t.Fatalf("error %v is not a *SyntaxError wrapping ErrSyntax", err)
				}
				if se.Offset < 0 || se.Offset > len(inputs[se.Field]) {
					t.Errorf("offset %d outside the value", se.Offset)
				}
			}
			switch tc.Expect {
			case "ok":
				counts["ok"]++
				if len(errs) > 0 {
					t.Fatalf("ParseAll(%q): unexpected errors %v", inputs, errs)
				}
				assertChallenges(t, got, want)
			case "error":
				counts["error"]++
				if len(errs) == 0 {
					t.Fatalf("ParseAll(%q) = %s, want an error (%s)", inputs, js(got), tc.Error)
				}
			case "either":
				counts["either"]++
				if len(errs) == 0 {
					assertChallenges(t, got, tc.Lenient)
				}
			default:
				t.Fatalf("unknown expectation %q", tc.Expect)
			}
		})
	}
	t.Logf("cases: %v", counts)
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func assertChallenges(t *testing.T, got, want []report.Challenge) {
	t.Helper()
	if len(want) == 0 {
		want = nil
	}
	if len(got) == 0 {
		got = nil
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("challenges\n got %s\nwant %s", js(got), js(want))
	}
}
