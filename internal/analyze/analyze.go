package analyze

import (
	"fmt"
	"time"

	"github.com/authdebug/authdebug/internal/report"
)

// Internal is the Report for a failure of the tool itself (a recovered
// panic): one internal.error finding that asks for a bug report.
func Internal(now time.Time, v any) report.Report {
	r := report.Report{
		Now: now.UTC().Format(time.RFC3339),
		Findings: []report.Finding{report.New(report.InternalError, report.Error, report.Both,
			"authdebug failed while analysing this input",
			"This is a bug in authdebug, not a problem with what you pasted. The rest of the page keeps working.",
			"Copy this report into a bug report (it holds no credentials), then try a smaller part of the input.",
			report.Evidence(fmt.Sprint(v)))},
	}
	r.Finalize()
	return r
}
