package token

import (
	"github.com/authdebug/authdebug/internal/report"
)

func mask(s string, reveal bool) string {
	if reveal {
		return s
	}
	return report.Fingerprint(s)
}
