package token

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// shared is the project's copy of the conformance data (testdata/conformance,
// see its SOURCES.md for upstreams and licences).
const shared = "../../testdata/conformance"

func readShared(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(shared, rel))
	if err != nil {
		t.Fatalf("conformance data missing from the repository: %v", err)
	}
	return b
}

func errorFindings(fs []report.Finding) []string {
	var out []string
	for _, f := range fs {
		if f.Severity == report.Error {
			out = append(out, f.Code+": "+f.Title)
		}
	}
	return out
}

type wycheproof struct {
	TestGroups []struct {
		Comment string `json:"comment"`
		Tests   []struct {
			TcID    int      `json:"tcId"`
			Comment string   `json:"comment"`
			JWS     string   `json:"jws"`
			JWE     string   `json:"jwe"`
			Result  string   `json:"result"`
			Flags   []string `json:"flags"`
		} `json:"tests"`
	} `json:"testGroups"`
}

// TestWycheproofJWS decodes every Project Wycheproof JWS vector: valid ones
// decode without an error finding (the keys package judges signatures),
// alg none is flagged, structurally broken ones are malformed.
func TestWycheproofJWS(t *testing.T) {
	var w wycheproof
	if err := json.Unmarshal(readShared(t, "wycheproof/testvectors_v1/json_web_signature_test.json"), &w); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range w.TestGroups {
		for _, tc := range g.Tests {
			n++
			r := Inspect(tc.JWS, pasted, plain)
			checkResult(t, tc.JWS, pasted, plain, r)
			has := func(code string) bool { return find(r.Findings, code) != nil }
			switch {
			case tc.Result == "valid" && strings.Contains(tc.Comment, "InvalidCharacter"):
				// Wycheproof lets a verifier skip a stray '?'; servers differ, so it is reported.
				if !has(report.TokenMalformed) {
					t.Errorf("%s #%d: stray character not reported", g.Comment, tc.TcID)
				}
			case tc.Result == "valid":
				if errs := errorFindings(r.Findings); len(errs) > 0 || r.Tokens[0].Form != "jws" {
					t.Errorf("%s #%d (%s): valid vector: form %s, errors %v", g.Comment, tc.TcID, tc.Comment, r.Tokens[0].Form, errs)
				}
				if r.Decoded[0].Signature == nil || r.Decoded[0].SigningInput == "" {
					t.Errorf("%s #%d: no signature or signing input", g.Comment, tc.TcID)
				}
			case hasFlag(tc.Flags, "AlgIsNone"):
				if !has(report.TokenAlgNone) {
					t.Errorf("%s #%d: alg none not flagged: %v", g.Comment, tc.TcID, codes(r.Findings))
				}
			case strings.Count(tc.JWS, ".") != 2 || hasFlag(tc.Flags, "JsonSerialization"):
				// With no JOSE header left ("Zm9v.sig"), the text is read
				// as an opaque token: not a JWT either way.
				if !has(report.TokenMalformed) && !has(report.TokenPlaceholder) && !(has(report.TokenOpaque) && r.Tokens[0].Form == "unknown") {
					t.Errorf("%s #%d (%s): not flagged malformed: %v", g.Comment, tc.TcID, tc.Comment, codes(r.Findings))
				}
			}
		}
	}
	if n < 400 {
		t.Errorf("only %d vectors", n)
	}
	t.Logf("%d JWS vectors", n)
}

func hasFlag(flags []string, f string) bool {
	for _, x := range flags {
		if x == f {
			return true
		}
	}
	return false
}

// TestWycheproofJWE decodes every Wycheproof JWE vector: compact ones are
// recognised as JWE, with the header shown and the payload left encrypted.
func TestWycheproofJWE(t *testing.T) {
	var w wycheproof
	if err := json.Unmarshal(readShared(t, "wycheproof/testvectors_v1/json_web_encryption_test.json"), &w); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range w.TestGroups {
		for _, tc := range g.Tests {
			n++
			r := Inspect(tc.JWE, request, access)
			checkResult(t, tc.JWE, request, access, r)
			if strings.Count(tc.JWE, ".") != 4 {
				if find(r.Findings, report.TokenMalformed) == nil && !(find(r.Findings, report.TokenOpaque) != nil && r.Tokens[0].Form == "unknown") {
					t.Errorf("%s #%d: %d-dot JWE not malformed", g.Comment, tc.TcID, strings.Count(tc.JWE, "."))
				}
				continue
			}
			tok := r.Tokens[0]
			if strings.HasPrefix(tc.JWE, ".") {
				if find(r.Findings, report.TokenMalformed) == nil || tok.Header != nil {
					t.Errorf("%s #%d: missing header not reported", g.Comment, tc.TcID)
				}
				continue
			}
			if tok.Form != "jwe" || tok.Header == nil || tok.Payload != nil || tok.Signature != nil || find(r.Findings, report.TokenJWE) == nil {
				t.Errorf("%s #%d: %+v %v", g.Comment, tc.TcID, tok, codes(r.Findings))
			}
			if tc.Result == "valid" {
				if errs := errorFindings(r.Findings); len(errs) > 0 {
					t.Errorf("%s #%d: valid vector has errors %v", g.Comment, tc.TcID, errs)
				}
			}
		}
	}
	if n < 130 {
		t.Errorf("only %d vectors", n)
	}
	t.Logf("%d JWE vectors", n)
}

type cookbook struct {
	Title string `json:"title"`
	Input struct {
		Payload string `json:"payload"`
	} `json:"input"`
	Signing *struct {
		Protected map[string]any `json:"protected"`
		SigInput  string         `json:"sig-input"`
		Sig       string         `json:"sig"`
	} `json:"signing"`
	Output struct {
		Compact string `json:"compact"`
	} `json:"output"`
}

// TestCookbook decodes the RFC 7520 / RFC 8037 / RFC 7797 compact examples
// and compares header, signing input, signature and payload with the RFCs.
func TestCookbook(t *testing.T) {
	files := []string{
		"jose-cookbook/jws/4_1.rsa_v15_signature.json",
		"jose-cookbook/jws/4_2.rsa-pss_signature.json",
		"jose-cookbook/jws/4_3.ecdsa_signature.json",
		"jose-cookbook/jws/4_4.hmac-sha2_integrity_protection.json",
		"jose-cookbook/jws/4_5.signature_with_detached_content.json",
		"jose-cookbook/curve25519/jws.json",
		"jose-cookbook/rfc7797/hmac-sha2_b64_false.json",
		"jose-cookbook/curve25519/ecdh-es.json",
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			var c cookbook
			if err := json.Unmarshal(readShared(t, f), &c); err != nil {
				t.Fatal(err)
			}
			r := Inspect(c.Output.Compact, pasted, plain)
			checkResult(t, c.Output.Compact, pasted, plain, r)
			tok, d := r.Tokens[0], r.Decoded[0]
			if c.Signing == nil { // JWE
				if tok.Form != "jwe" || find(r.Findings, report.TokenJWE) == nil {
					t.Fatalf("JWE example: %s %v", tok.Form, codes(r.Findings))
				}
				return
			}
			var hdr map[string]any
			if err := json.Unmarshal(tok.Header, &hdr); err != nil || !reflect.DeepEqual(hdr, c.Signing.Protected) {
				t.Errorf("header %s, want %v", tok.Header, c.Signing.Protected)
			}
			if strings.Contains(f, "4_5") {
				// Detached content: the payload segment is empty.
				if find(r.Findings, report.TokenMalformed) == nil {
					t.Errorf("detached payload not reported")
				}
				return
			}
			wantSI, wantSig := c.Signing.SigInput, c.Signing.Sig
			if !strings.HasPrefix(c.Output.Compact, wantSI+".") {
				// The RFC 7797 example file signs a different header than its
				// compact output carries; judge against the compact output.
				i := strings.LastIndexByte(c.Output.Compact, '.')
				wantSI, wantSig = c.Output.Compact[:i], c.Output.Compact[i+1:]
			}
			if d.SigningInput != wantSI {
				t.Errorf("signing input %q", d.SigningInput)
			}
			if got := base64.RawURLEncoding.EncodeToString(d.Signature); got != wantSig {
				t.Errorf("signature %s", got)
			}
			if tok.PayloadText == nil || *tok.PayloadText != c.Input.Payload {
				t.Errorf("payload text %v, want %q", tok.PayloadText, c.Input.Payload)
			}
			if errs := errorFindings(r.Findings); len(errs) > 0 {
				t.Errorf("errors on an RFC example: %v", errs)
			}
			if f := find(r.Findings, report.TokenWhitespace); f != nil {
				t.Errorf("unexpected %s", f.Title)
			}
		})
	}
}
