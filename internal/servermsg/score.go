package servermsg

// Score ranks a match against others of the same text's candidates: the
// literal length of the message matched, far higher when the candidate was
// the whole message (placeholders filled) rather than text inside it. A
// log reader (internal/serverlog) tries several cuts of one line and keeps
// the best.
func (m Match) Score() int { return m.score }

// Exact reports whether the whole candidate was the message.
func (m Match) Exact() bool { return m.score >= 10000 }
