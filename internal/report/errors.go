package report

import "errors"

// ErrUnknownCode is returned by Validate for a finding whose code is not in
// the Catalogue.
var ErrUnknownCode = errors.New("report: unknown finding code")

// ErrBadFinding is returned by Validate for a finding missing a required field.
var ErrBadFinding = errors.New("report: incomplete finding")
