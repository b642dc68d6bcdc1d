package discovery

import (
	"errors"
	"fmt"
)

// Sentinel errors. Fetchers wrap them with %w; keys.Load turns every fetch
// error into a keys.fetch_failed finding, never a Go error. Their text
// starts "keys:", as findings have always quoted it.
var (
	// ErrCORS means the browser refused to let the page read the response
	// because the server sent no matching Access-Control-Allow-Origin.
	ErrCORS = errors.New("keys: the browser blocked the response (CORS)")
	// ErrFetch is any failure to GET a document.
	ErrFetch = errors.New("keys: fetch failed")
	// ErrNoFetcher means the build has no way to fetch (no Fetcher given).
	ErrNoFetcher = errors.New("keys: no fetcher in this build")
	// ErrTooLarge means a fetched body exceeded MaxBody.
	ErrTooLarge = errors.New("keys: response too large")
	// ErrStatus means the server answered with a non-2xx status.
	ErrStatus = errors.New("keys: unexpected HTTP status")
	// ErrRateLimited is returned by (*Cache).Refetch when the cached copy is
	// too recent to fetch again.
	ErrRateLimited = errors.New("keys: re-fetch rate-limited")
	// ErrRefetchDeclined is returned by a Refetcher that will not fetch
	// again for a reason other than age; the page, for one, fetches only
	// when the user presses a fetch button. The text after the sentinel's
	// says why and what to do.
	ErrRefetchDeclined = errors.New("keys: re-fetch declined")
)

// StatusError is a non-2xx HTTP answer. It matches both ErrStatus and
// ErrFetch with errors.Is.
type StatusError struct {
	Code int
}

func (e *StatusError) Error() string { return fmt.Sprintf("keys: HTTP status %d", e.Code) }

// Unwrap lets errors.Is match ErrStatus and ErrFetch.
func (e *StatusError) Unwrap() []error { return []error{ErrStatus, ErrFetch} }
