package jwk

import "errors"

// ErrInvalid is what every Defect matches with errors.Is: a JWK that no
// JWK library would load.
var ErrInvalid = errors.New("jwk: invalid JWK")
