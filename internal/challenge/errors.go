package challenge

import (
	"errors"
	"fmt"
)

// ErrSyntax is wrapped by every *SyntaxError, so errors.Is(err, ErrSyntax)
// tells a malformed field value from other failures.
var ErrSyntax = errors.New("challenge: malformed WWW-Authenticate")

// SyntaxError says where a field value stops following the grammar.
type SyntaxError struct {
	// Offset is the byte offset within the field value.
	Offset int
	// Msg says what was expected or found.
	Msg string
	// Field is the index of the field line in ParseAll's input (0 for Parse).
	Field int
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("challenge: byte %d: %s", e.Offset, e.Msg)
}

// Unwrap returns ErrSyntax.
func (e *SyntaxError) Unwrap() error { return ErrSyntax }
