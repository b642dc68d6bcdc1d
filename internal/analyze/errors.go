package analyze

import (
	"errors"

	"github.com/authdebug/authdebug/internal/keys/discovery"
)

// ErrBadOption is returned when an option cannot be read (a bad --now or
// --leeway); the analysis does not run.
var ErrBadOption = errors.New("analyze: bad option")

// ErrCanceled is returned, wrapping ctx.Err(), when the context given to
// Run ended before the analysis was done: a superseded analysis in the
// page, an interrupted CLI. There is no report then.
var ErrCanceled = errors.New("analyze: analysis cancelled")

// ErrRefetchDeclined is what a Fetcher that also refetches (after key
// rotation, for a kid not in the cached JWKS) returns, wrapped, when it will
// not fetch again now; the engine then reports the kid as not found.
var ErrRefetchDeclined = discovery.ErrRefetchDeclined
