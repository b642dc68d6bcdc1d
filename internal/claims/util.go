package claims

import (
	"strconv"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// quoteList writes at most max quoted values, then how many more.
func quoteList(vals []string, max int) string {
	var b strings.Builder
	for i, v := range vals {
		if i == max {
			b.WriteString(", … and " + strconv.Itoa(len(vals)-max) + " more")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(report.Quote(v, 100))
	}
	return b.String()
}

func strOf(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

// stringsOf reads a string or an array of strings (aud, scp).
func stringsOf(v any) ([]string, bool) {
	switch x := v.(type) {
	case string:
		return []string{x}, true
	case []string:
		return x, true
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return out, false
			}
			out = append(out, s)
		}
		return out, true
	}
	return nil, false
}
