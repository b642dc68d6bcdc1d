package keys

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/report"
)

// sharedDir is the project's copy of the conformance data (testdata/conformance,
// see its SOURCES.md for upstreams and licences).
const sharedDir = "../../testdata/conformance"

func readShared(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir, rel))
	if err != nil {
		t.Fatalf("conformance data missing from the repository: %v", err)
	}
	return b
}

var testNow = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

type wpFile struct {
	NumberOfTests int `json:"numberOfTests"`
	TestGroups    []struct {
		Comment string          `json:"comment"`
		Private json.RawMessage `json:"private"`
		Public  json.RawMessage `json:"public"`
		Tests   []struct {
			TcID    int      `json:"tcId"`
			Comment string   `json:"comment"`
			JWS     wpJWS    `json:"jws"`
			Result  string   `json:"result"`
			Flags   []string `json:"flags"`
		} `json:"tests"`
	} `json:"testGroups"`
}

// wpJWS is a vector's jws: a compact token (possibly ""), or (in
// json_web_crypto) a JSON serialization object, kept as its JSON text, which
// Verify must refuse as this tool reads compact tokens only. set tells an
// empty token from a vector without one.
type wpJWS struct {
	text string
	set  bool
}

func (j *wpJWS) UnmarshalJSON(b []byte) error {
	j.set = true
	if json.Unmarshal(b, &j.text) != nil {
		j.text = string(b)
	}
	return nil
}

// wpDeviation documents a vector whose verdict here differs from the
// file's, with the reason. Every entry is asserted: the verdict must be
// exactly the documented one, and the finding named must be present.
type wpDeviation struct {
	status  string // our status
	finding string // a finding code that must be present ("" for none)
	why     string
}

// Signature-file vectors that no correct verifier can give the file's
// verdict for.
var wpSigDeviations = map[int]wpDeviation{
	367: {report.SigVerified, report.SignatureVerified, "file fault: the token is byte-identical to tcId 357 (valid), yet labelled invalid (invalidBase64Padding lost its padding upstream)"},
	370: {report.SigVerified, report.SignatureVerified, "file fault: the token is byte-identical to tcId 357 (valid), yet labelled invalid (invalidBase64PaddingInPayload)"},
	372: {report.SigInvalid, report.SignatureInvalid, "labelled valid, but the header segment contains '?': strict base64url (RFC 7515 §2) refuses it, and the MAC covers the altered bytes"},
	373: {report.SigInvalid, report.SignatureInvalid, "labelled valid, but the payload segment contains '?': strict base64url (RFC 7515 §2) refuses it"},
}

// rfc7520Mislabels are the key "alg" labels upstream got wrong in the RFC
// 7520 groups: RFC 7520 §3.2 (P-521) signs ES512 in §4.3, and §3.4's RSA key
// signs PS384 in §4.2 (Figure 20). The keys in RFC 7520 carry no alg at all.
var rfc7520Mislabels = map[string]string{"ES521": "ES512", "PS256": "PS384"}

func fixRFC7520Key(t *testing.T, group string, key json.RawMessage, compact string) json.RawMessage {
	if !strings.HasPrefix(group, "rfc7520") {
		return key
	}
	var m map[string]any
	if err := json.Unmarshal(key, &m); err != nil {
		t.Fatal(err)
	}
	h := decodeHeaderUnverified(compact)
	alg, _ := m["alg"].(string)
	if fixed, ok := rfc7520Mislabels[alg]; ok && h != nil && h["alg"] == fixed {
		m["alg"] = fixed
	}
	b, _ := json.Marshal(m)
	return b
}

func TestWycheproofJWS(t *testing.T) {
	var f wpFile
	if err := json.Unmarshal(readShared(t, "wycheproof/testvectors_v1/json_web_signature_test.json"), &f); err != nil {
		t.Fatal(err)
	}
	total, agree, deviated := 0, 0, 0
	ctx := context.Background()
	for _, g := range f.TestGroups {
		key := g.Public
		if len(key) == 0 {
			key = g.Private
		}
		for _, tc := range g.Tests {
			total++
			k := fixRFC7520Key(t, g.Comment, key, tc.JWS.text)
			set, _, lf := Load(ctx, Material{Texts: []string{string(k)}}, "", Options{Verifier: testVerifier, Now: testNow})
			sig, fs := Verify(ctx, Token{Compact: tc.JWS.text, Path: "tokens[0]"}, set, Options{Verifier: testVerifier, Now: testNow})
			checkFindings(t, append(lf, fs...))
			accepted := sig.Status == report.SigVerified
			if dev, ok := wpSigDeviations[tc.TcID]; ok {
				deviated++
				if sig.Status != dev.status || (dev.finding != "" && !hasCode(fs, dev.finding)) {
					t.Errorf("tcId %d %s: documented deviation (%s) expects %s/%s, got %s %v", tc.TcID, tc.Comment, dev.why, dev.status, dev.finding, sig.Status, codes(fs))
				}
				continue
			}
			if accepted != (tc.Result == "valid") {
				t.Errorf("tcId %d (%s/%s): file says %s, got status %s, findings %v", tc.TcID, g.Comment, tc.Comment, tc.Result, sig.Status, codes(fs))
				continue
			}
			agree++
		}
	}
	if total != f.NumberOfTests {
		t.Errorf("read %d vectors, file declares %d", total, f.NumberOfTests)
	}
	t.Logf("json_web_signature_test.json: %d/%d give the file's verdict; %d documented deviations (file faults)", agree, total, deviated)
}

// JWK-file vectors the file expects rejected are never "verified"; these
// must also say why (the key that matched is still named).
var wpKeyReasons = map[int]string{
	1:  report.KeysInvalid,          // MixedKeySet: secrets next to public keys
	4:  report.KeysInvalid,          // DuplicateKid: one kid, two keys
	8:  report.SignatureAlgMismatch, // 1024-bit RSA (RFC 7518 §3.3)
	10: report.SignatureAlgMismatch, // 31-byte HS256 key (RFC 7518 §3.2)
	11: report.SignatureAlgMismatch, // 47-byte HS384 key
	12: report.SignatureAlgMismatch, // 63-byte HS512 key
}

func TestWycheproofJWK(t *testing.T) {
	var f wpFile
	if err := json.Unmarshal(readShared(t, "wycheproof/testvectors_v1/json_web_key_test.json"), &f); err != nil {
		t.Fatal(err)
	}
	total, agree := 0, 0
	ctx := context.Background()
	for _, g := range f.TestGroups {
		key := g.Public
		if len(key) == 0 {
			key = g.Private
		}
		set, _, lf := Load(ctx, Material{Texts: []string{string(key)}}, "", Options{Verifier: testVerifier, Now: testNow})
		for _, tc := range g.Tests {
			total++
			sig, fs := Verify(ctx, Token{Compact: tc.JWS.text, Path: "tokens[0]"}, set, Options{Verifier: testVerifier, Now: testNow})
			all := append(append([]report.Finding(nil), lf...), fs...)
			checkFindings(t, all)
			if code, ok := wpKeyReasons[tc.TcID]; ok {
				if !hasError(all, code) {
					t.Errorf("tcId %d %s: want an error %s saying why the key is refused, got %v", tc.TcID, tc.Comment, code, codes(all))
				}
				if sig.Key == nil {
					t.Errorf("tcId %d %s: the key that matched is not named", tc.TcID, tc.Comment)
				}
			}
			if (sig.Status == report.SigVerified) != (tc.Result == "valid") {
				t.Errorf("tcId %d (%s/%s): file says %s, got status %s, findings %v", tc.TcID, g.Comment, tc.Comment, tc.Result, sig.Status, codes(all))
				continue
			}
			agree++
		}
	}
	if agree != total {
		t.Errorf("json_web_key_test.json: %d/%d give the file's verdict", agree, total)
	}
	t.Logf("json_web_key_test.json: %d/%d give the file's verdict", agree, total)
}

type cookbook struct {
	Title string `json:"title"`
	Input struct {
		Payload string          `json:"payload"`
		Key     json.RawMessage `json:"key"`
		Alg     string          `json:"alg"`
	} `json:"input"`
	Output struct {
		Compact string `json:"compact"`
	} `json:"output"`
}

func TestCookbook(t *testing.T) {
	files := []struct {
		path     string
		detached bool
		alg      string
	}{
		{"jose-cookbook/jws/4_1.rsa_v15_signature.json", false, "RS256"},
		{"jose-cookbook/jws/4_2.rsa-pss_signature.json", false, "PS384"},
		{"jose-cookbook/jws/4_3.ecdsa_signature.json", false, "ES512"},
		{"jose-cookbook/jws/4_4.hmac-sha2_integrity_protection.json", false, "HS256"},
		{"jose-cookbook/jws/4_5.signature_with_detached_content.json", true, "HS256"},
		{"jose-cookbook/curve25519/jws.json", false, "EdDSA"},
		{"jose-cookbook/rfc7797/hmac-sha2_b64_false.json", false, "HS256"},
	}
	ctx := context.Background()
	for _, c := range files {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			var cb cookbook
			if err := json.Unmarshal(readShared(t, c.path), &cb); err != nil {
				t.Fatal(err)
			}
			set, keys, lf := Load(ctx, Material{Texts: []string{string(cb.Input.Key)}}, "", Options{Verifier: testVerifier, Now: testNow})
			if set.Len() != 1 || len(keys) != 1 {
				t.Fatalf("key did not load: %v", codes(lf))
			}
			tok := Token{Compact: cb.Output.Compact, Path: "tokens[0]"}
			if c.detached {
				tok.Detached = []byte(cb.Input.Payload)
			}
			sig, fs := Verify(ctx, tok, set, Options{Verifier: testVerifier, Now: testNow})
			checkFindings(t, fs)
			if sig.Status != report.SigVerified || sig.Alg != c.alg {
				t.Fatalf("got %s %s, want verified %s; %v", sig.Status, sig.Alg, c.alg, titles(fs))
			}
			if !hasCode(fs, report.SignatureVerified) {
				t.Errorf("no signature.verified finding: %v", codes(fs))
			}
			// Flip one signature character: must no longer verify.
			bad := flipLast(cb.Output.Compact)
			sig2, _ := Verify(ctx, Token{Compact: bad, Detached: tok.Detached}, set, Options{Verifier: testVerifier, Now: testNow})
			if sig2.Status == report.SigVerified {
				t.Errorf("tampered token verified")
			}
		})
	}
	t.Run("4_5 without the detached payload", func(t *testing.T) {
		var cb cookbook
		if err := json.Unmarshal(readShared(t, files[4].path), &cb); err != nil {
			t.Fatal(err)
		}
		set, _, _ := Load(ctx, Material{Texts: []string{string(cb.Input.Key)}}, "", Options{Verifier: testVerifier})
		sig, _ := Verify(ctx, Token{Compact: cb.Output.Compact}, set, Options{Verifier: testVerifier})
		if sig.Status != report.SigInvalid {
			t.Errorf("detached JWS without its payload: got %s, want invalid", sig.Status)
		}
	})
}

// flipLast changes the last character of the signature segment.
func flipLast(compact string) string {
	b := []byte(compact)
	i := len(b) - 2 // not the very last char: its low bits may be unused
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}

func TestRFC7520KeysAsPEMAndJWKS(t *testing.T) {
	// The cookbook's RSA key, as a JWKS with kid: the RS256 example verifies
	// and names the kid and its RFC 7638 thumbprint.
	var cb cookbook
	if err := json.Unmarshal(readShared(t, "jose-cookbook/jws/4_1.rsa_v15_signature.json"), &cb); err != nil {
		t.Fatal(err)
	}
	jwks := `{"keys":[` + string(cb.Input.Key) + `]}`
	set, keys, lf := Load(context.Background(), Material{Texts: []string{jwks}}, "", Options{Verifier: testVerifier, Now: testNow})
	if len(keys) != 1 || keys[0].Kid != "bilbo.baggins@hobbiton.example" || keys[0].Source != "jwks" {
		t.Fatalf("keys = %+v", keys)
	}
	// A private JWK was pasted: warning, key usable.
	if !hasCode(lf, report.KeysInvalid) || !strings.Contains(titles(lf), "private key") {
		t.Errorf("expected a private-key warning, got %v", titles(lf))
	}
	sig, fs := Verify(context.Background(), Token{Compact: cb.Output.Compact, Path: "tokens[0]"}, set, Options{Verifier: testVerifier})
	if sig.Status != report.SigVerified || sig.Key == nil || sig.Key.Kid != "bilbo.baggins@hobbiton.example" || sig.Key.Thumbprint == "" {
		t.Fatalf("sig = %+v %v", sig, titles(fs))
	}
	if _, err := base64.RawURLEncoding.DecodeString(sig.Key.Thumbprint); err != nil {
		t.Errorf("thumbprint not base64url: %v", err)
	}
}

// TestWycheproofCrypto runs the JWS vectors of json_web_crypto_test.json
// (its JWE vectors need decryption, which this tool does not do: a JWE's
// payload is shown as encrypted, see token.jwe).
func TestWycheproofCrypto(t *testing.T) {
	// jws may be a JSON serialization (an object) here: see wpJWS.
	var f wpFile
	if err := json.Unmarshal(readShared(t, "wycheproof/testvectors_v1/json_web_crypto_test.json"), &f); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	total, agree := 0, 0
	for _, g := range f.TestGroups {
		key := g.Public
		if len(key) == 0 {
			key = g.Private
		}
		set, _, lf := Load(ctx, Material{Texts: []string{string(key)}}, "", Options{Verifier: testVerifier, Now: testNow})
		for _, tc := range g.Tests {
			if !tc.JWS.set {
				continue
			}
			total++
			sig, fs := Verify(ctx, Token{Compact: tc.JWS.text, Path: "tokens[0]"}, set, Options{Verifier: testVerifier, Now: testNow})
			checkFindings(t, append(append([]report.Finding(nil), lf...), fs...))
			if (sig.Status == report.SigVerified) != (tc.Result == "valid") {
				t.Errorf("tcId %d (%s/%s): file says %s, got status %s, findings %v", tc.TcID, g.Comment, tc.Comment, tc.Result, sig.Status, codes(fs))
				continue
			}
			agree++
		}
	}
	if total == 0 {
		t.Fatal("no JWS vectors read")
	}
	t.Logf("json_web_crypto_test.json: %d/%d JWS vectors give the file's verdict", agree, total)
}
