// Package jsonscan finds where a JSON value (RFC 8259) ends and how deep it
// nests, by bracket matching that respects strings and escapes, without
// decoding it: the engine's one scanner for "is there a JSON value here, how
// long is it, and is it safe to decode". Detection uses it to cut a JSON
// document out of a paste, token decoding to refuse absurd nesting before
// encoding/json sees it.
package jsonscan
