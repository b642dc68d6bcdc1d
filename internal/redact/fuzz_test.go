package redact_test

import "testing"

// FuzzRedact: for any paste, the text a share carries holds no credential
// and no signature the analysis found, and analysing it finds none of them.
func FuzzRedact(f *testing.F) {
	for _, text := range corpus(f) {
		f.Add(text)
	}
	f.Add(tok)
	f.Add(wrap(tok, 40))
	f.Add("Authorization: Bearer " + tok2)
	f.Add("curl -u user:password1 -b 'sid=abcdefgh12345' https://api.example/?api_key=0123456789abcdef")
	f.Fuzz(func(t *testing.T, text string) {
		checkRedacted(t, text)
	})
}
