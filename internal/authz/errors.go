package authz

import "errors"

// ErrNotBase64 is wrapped by DecodeBasic when the credentials are not base64.
var ErrNotBase64 = errors.New("authz: not base64")

// ErrNoColon is wrapped by DecodeBasic when the decoded credentials have no ':'.
var ErrNoColon = errors.New("authz: no ':' between user and password")
