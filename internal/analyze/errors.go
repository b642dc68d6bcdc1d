package analyze

import "errors"

// ErrBadOption is returned when an option cannot be read (a bad --now or
// --leeway); the analysis does not run.
var ErrBadOption = errors.New("analyze: bad option")
