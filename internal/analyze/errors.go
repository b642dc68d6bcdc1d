package analyze

import "errors"

// ErrBadOption is returned when an option cannot be read (a bad --now or
// --leeway); the analysis does not run.
var ErrBadOption = errors.New("analyze: bad option")

// ErrCanceled is returned, wrapping ctx.Err(), when the context given to
// Run ended before the analysis was done: a superseded analysis in the
// page, an interrupted CLI. There is no report then.
var ErrCanceled = errors.New("analyze: analysis cancelled")
