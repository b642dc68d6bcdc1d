package token

import "errors"

// ErrNotBase64URL is wrapped by DecodeSegment when a segment is not base64url.
var ErrNotBase64URL = errors.New("token: not base64url")

// ErrNotJSON is wrapped by ParseObject when the bytes are not JSON.
var ErrNotJSON = errors.New("token: not JSON")

// ErrNotObject is wrapped by ParseObject when the JSON is not an object.
var ErrNotObject = errors.New("token: not a JSON object")

// ErrTooDeep is wrapped by ParseObject when the JSON nests deeper than MaxDepth.
var ErrTooDeep = errors.New("token: JSON nested too deeply")
