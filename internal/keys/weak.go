package keys

import (
	"crypto/hmac"
	"hash"
)

// weakSecret is a well-known example secret and where it is known from.
type weakSecret struct {
	s    string
	note string
}

// weakSecrets are secrets published in documentation, tutorials and tool
// defaults. They are public: a token that verifies with one can be forged
// by anyone. The list is deliberately small; it is checked on every HS*
// token, locally.
var weakSecrets = []weakSecret{
	{"your-256-bit-secret", "jwt.io's default HS256 secret"},
	{"your-384-bit-secret", "jwt.io's default HS384 secret"},
	{"your-512-bit-secret", "jwt.io's default HS512 secret"},
	{"a-string-secret-at-least-256-bits-long", "jwt.io's current default secret"},
	{"secret", "the most common example secret"},
	{"", "an empty secret"},
	{"changeme", "a placeholder secret"},
	{"changeit", "a placeholder secret"},
	{"password", "a common password"},
	{"123456", "a common password"},
	{"12345678", "a common password"},
	{"secretkey", "a common example secret"},
	{"secret-key", "a common example secret"},
	{"secret_key", "a common example secret"},
	{"mysecret", "a common example secret"},
	{"mysecretkey", "a common example secret"},
	{"my-secret", "a common example secret"},
	{"my_secret", "a common example secret"},
	{"jwt_secret", "a common example secret"},
	{"jwt-secret", "a common example secret"},
	{"jwtsecret", "a common example secret"},
	{"JWT_SECRET", "an environment variable name used as the secret"},
	{"SECRET_KEY", "an environment variable name used as the secret"},
	{"your_jwt_secret", "a placeholder from tutorials"},
	{"your-secret-key", "a placeholder from tutorials"},
	{"your_secret_key", "a placeholder from tutorials"},
	{"supersecret", "a common example secret"},
	{"super-secret", "a common example secret"},
	{"supersecretkey", "a common example secret"},
	{"topsecret", "a common example secret"},
	{"shhhhh", "the express-jwt / jsonwebtoken README example"},
	{"shhhhhhared-secret", "the express-jwt README example"},
	{"secretOrPrivateKey", "the jsonwebtoken README parameter name"},
	{"keyboard cat", "the express-session README example"},
	{"test", "a test secret"},
	{"testing", "a test secret"},
	{"key", "a placeholder secret"},
	{"s3cr3t", "a common example secret"},
	{"default", "a placeholder secret"},
	{"admin", "a common password"},
	{"qwerty", "a common password"},
	{"development", "a development placeholder"},
	{"ThisIsMySecret", "a common example secret"},
}

// findWeakSecret returns the well-known secret whose HMAC of input equals
// sig, if any.
func findWeakSecret(h func() hash.Hash, input, sig []byte) (weakSecret, bool) {
	if h == nil {
		return weakSecret{}, false
	}
	for _, w := range weakSecrets {
		m := hmac.New(h, []byte(w.s))
		m.Write(input)
		if hmac.Equal(m.Sum(nil), sig) {
			return w, true
		}
	}
	return weakSecret{}, false
}
