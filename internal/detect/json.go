package detect

import (
	"encoding/json"
	"strings"

	"github.com/authdebug/authdebug/internal/jsonscan"
	"github.com/authdebug/authdebug/internal/report"
)

// jsonExtent returns the end of the JSON value starting at off, and whether
// it balanced.
func jsonExtent(text string, off int) (int, bool) {
	end, closed, _ := jsonscan.Extent(text, off, 0)
	return end, closed
}

// extent is jsonExtent with a budget: after a few values that never
// close, JSON is no longer tried (a scan to the end of the text each time
// would make detection quadratic).
func (s *scanner) extent(off int) (int, bool) {
	if s.jsonBudget <= 0 {
		return 0, false
	}
	e, ok := jsonExtent(s.text, off)
	if !ok {
		s.jsonBudget--
	}
	return e, ok
}

type jsonProbe struct {
	Log *struct {
		Entries json.RawMessage `json:"entries"`
	} `json:"log"`
	Keys json.RawMessage `json:"keys"`
	Kty  json.RawMessage `json:"kty"`
}

func sniffJSON(seg string) string {
	head := seg
	if len(head) > 4096 {
		head = head[:4096]
	}
	switch {
	case strings.Contains(head, `"log"`) && (strings.Contains(head, `"entries"`) || strings.Contains(head, `"creator"`)):
		return report.KindHAR
	case strings.Contains(head, `"keys"`) && strings.Contains(seg, `"kty"`):
		return report.KindJWKS
	case strings.Contains(head, `"kty"`):
		return report.KindJWK
	}
	return ""
}

func (s *scanner) matchJSON(tOff int) ([]Part, int, bool) {
	text := s.text
	if s.jsonBudget <= 0 {
		return nil, 0, false
	}
	end, balanced := s.extent(tOff)
	if !balanced {
		if k := sniffJSON(text[tOff:]); k != "" {
			t, o := trimmed(text, tOff, len(text))
			return []Part{s.part(k, o, o+len(t))}, len(text), true
		}
		return nil, 0, false
	}
	seg := text[tOff:end]
	_, next := lineAt(text, end-1)
	kind := ""
	if seg[0] == '{' {
		// The head of the document usually tells (a HAR starts with
		// {"log":{"version":…,"creator":…); parse the whole of it only
		// when it does not: a 5 MB HAR is then read once, by exchange.
		if kind = sniffJSON(seg); kind == "" {
			var p jsonProbe
			if err := json.Unmarshal([]byte(seg), &p); err == nil {
				switch {
				case p.Log != nil:
					kind = report.KindHAR
				case len(p.Keys) > 0 && p.Keys[0] == '[':
					kind = report.KindJWKS
				case len(p.Kty) > 0 && p.Kty[0] == '"':
					kind = report.KindJWK
				}
			}
		}
	}
	if kind != "" {
		return []Part{s.part(kind, tOff, end)}, next, true
	}
	if seg[0] == '{' && ClaimsLike(seg) {
		return s.claimsPart(tOff, end, next)
	}
	// Other JSON (a token response, an error body): the tokens inside it.
	if ps := embeddedJWTs(text, tOff, end); len(ps) > 0 {
		return ps, next, true
	}
	if !json.Valid([]byte(seg)) {
		return nil, 0, false
	}
	return []Part{s.part(report.KindUnknown, tOff, end)}, next, true
}

// ---- tokens ----
