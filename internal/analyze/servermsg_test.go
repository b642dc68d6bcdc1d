package analyze

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/keys/gocrypto"
	"github.com/authdebug/authdebug/internal/report"
)

// serverCase is one fixture of internal/servermsg/testdata: real/ captured
// from running programs (capture/capture.sh), documented/ written from the
// products' documentation (see the README there).
type serverCase struct {
	file    string
	library string // a substring of the first server message's library
	top     string // the first error finding's code, "" for none
	must    []string
	not     []string
}

var serverCases = []serverCase{
	{"real/drf_basic_wrong_password.txt", "Django REST framework", report.ServerMessage, nil, nil},
	{"real/drf_simplejwt_bad_signature.txt", "simplejwt", report.ResponseCredentialsRejected, []string{report.ServerMessage}, []string{report.SignatureInvalid}},
	{"real/drf_simplejwt_expired.txt", "simplejwt", report.TokenExpired, []string{report.ServerMessage}, nil},
	{"real/drf_simplejwt_no_token.txt", "Django REST framework", report.RequestNoCredentials, []string{report.ServerMessage}, nil},
	{"real/drf_simplejwt_wrong_scheme.txt", "Django REST framework", report.RequestSchemeMismatch, []string{report.ServerMessage}, []string{report.RequestNoCredentials}},
	{"real/drf_token_invalid.txt", "Django REST framework", report.ServerMessage, nil, []string{report.RequestNoCredentials}},
	{"real/express_jwt_bad_signature_html.txt", "jsonwebtoken", report.SignatureInvalid, []string{report.ServerMessage}, nil},
	{"real/express_jwt_expired_json.txt", "jsonwebtoken", report.TokenExpired, []string{report.ServerMessage}, nil},
	{"real/express_jwt_no_token_html.txt", "express-jwt", report.RequestNoCredentials, []string{report.ServerMessage}, nil},
	{"real/express_jwt_no_token_json.txt", "express-jwt", report.RequestNoCredentials, []string{report.ServerMessage}, nil},
	{"real/express_jwt_wrong_audience_json.txt", "jsonwebtoken", report.ClaimsAudMismatch, []string{report.ServerMessage}, nil},
	{"real/express_oauth2_bad_signature.txt", "express-oauth2-jwt-bearer", report.SignatureInvalid, []string{report.ResponseInvalidToken}, nil},
	{"real/express_oauth2_expired.txt", "express-oauth2-jwt-bearer", report.TokenExpired, []string{report.ServerMessage}, nil},
	{"real/express_oauth2_hs256_against_jwks.txt", "express-oauth2-jwt-bearer", report.SignatureAlgMismatch, []string{report.ServerMessage}, nil},
	{"real/express_oauth2_no_token.txt", "express-oauth2-jwt-bearer", report.RequestNoCredentials, []string{report.ServerMessage}, nil},
	{"real/express_oauth2_wrong_audience.txt", "express-oauth2-jwt-bearer", report.ClaimsAudMismatch, []string{report.ServerMessage}, nil},
	{"real/fastapi_could_not_validate_expired.txt", "FastAPI", report.TokenExpired, []string{report.ServerMessage}, nil},
	{"real/fastapi_detail_bad_signature.txt", "python-jose", report.SignatureInvalid, []string{report.ServerMessage}, nil},
	{"real/fastapi_detail_expired.txt", "python-jose", report.TokenExpired, []string{report.ServerMessage}, nil},
	{"real/fastapi_detail_wrong_audience.txt", "python-jose", report.ClaimsAudMismatch, []string{report.ServerMessage}, nil},
	{"real/fastapi_httpbearer_no_token.txt", "FastAPI", report.RequestNoCredentials, []string{report.ServerMessage}, nil},
	{"real/fastapi_oauth2_no_token.txt", "FastAPI", report.RequestNoCredentials, []string{report.ServerMessage}, nil},
	{"real/nginx_403.txt", "nginx", report.ServerMessage, nil, nil},
	{"real/nginx_basic_no_credentials.txt", "nginx", "", []string{report.ServerMessage}, nil},
	{"real/nginx_basic_wrong_password.txt", "nginx", report.ResponseCredentialsRejected, []string{report.ServerMessage}, []string{report.RequestNoCredentials}},
	{"real/nginx_proxy_drops_authorization.txt", "FastAPI", report.RequestAuthNotForwarded, []string{report.ServerMessage}, []string{report.RequestNoCredentials, report.ResponseCredentialsRejected}},
	{"documented/apache_401.txt", "Apache", "", []string{report.ServerMessage}, nil},
	{"documented/aspnet_token_expired.txt", "ASP.NET Core", report.TokenExpired, []string{report.ServerMessage}, nil},
	{"documented/auth0_expired.txt", "Auth0", report.TokenExpired, nil, []string{report.RequestNoCredentials}},
	{"documented/aws_http_api_wrong_audience.txt", "AWS API Gateway", report.ClaimsAudMismatch, nil, []string{report.RequestNoCredentials}},
	{"documented/aws_missing_authentication_token.txt", "AWS API Gateway", report.ServerMessage, nil, []string{report.RequestNoCredentials}},
	{"documented/aws_rest_unauthorized.txt", "AWS API Gateway", "", []string{report.ServerMessage}, nil},
	{"documented/entra_aadsts7000215.txt", "Entra", report.ResponseOAuthError, []string{report.ServerMessage}, nil},
	{"documented/envoy_issuer_not_configured.txt", "Envoy", report.ClaimsIssMismatch, nil, nil},
	{"documented/envoy_jwks_fetch_failed.txt", "Envoy", report.ResponseInvalidToken, []string{report.KeysFetchFailed}, nil},
	{"documented/envoy_jwt_expired.txt", "Envoy", report.TokenExpired, nil, nil},
	{"documented/github_bad_credentials.txt", "GitHub", report.ServerMessage, nil, nil},
	{"documented/google_token_type_unsupported.txt", "Google", report.ServerMessage, nil, nil},
	{"documented/graph_token_expired.txt", "Microsoft Graph", report.TokenExpired, nil, nil},
	{"documented/iis_401.txt", "IIS", report.ServerMessage, nil, nil},
	{"documented/keycloak_userinfo_invalid.txt", "Keycloak", report.ResponseInvalidToken, []string{report.ServerMessage}, nil},
	{"documented/kong_jwt_unauthorized.txt", "Kong", report.ServerMessage, nil, nil},
	{"documented/kong_no_api_key.txt", "Kong", report.RequestNoCredentials, []string{report.ServerMessage}, nil},
	{"documented/okta_invalid_token.txt", "Okta", "", []string{report.ServerMessage}, nil},
	{"documented/openai_incorrect_api_key.txt", "OpenAI", report.ServerMessage, nil, nil},
	{"documented/spring_jwt_expired.txt", "Spring", report.TokenExpired, []string{report.ServerMessage}, nil},
	{"documented/stripe_invalid_api_key.txt", "Stripe", report.ServerMessage, nil, nil},
}

// fixtureNow is the fixture's own Date, so tokens are judged as the server did.
func fixtureNow(text string) time.Time {
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(strings.TrimPrefix(l, "<"))
		if len(l) > 5 && strings.EqualFold(l[:5], "date:") {
			if t, err := time.Parse(time.RFC1123, strings.TrimSpace(l[5:])); err == nil {
				return t
			}
		}
	}
	return now
}

func TestServerMessages(t *testing.T) {
	for _, c := range serverCases {
		t.Run(c.file, func(t *testing.T) {
			b, err := os.ReadFile("../servermsg/testdata/" + c.file)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			r, _ := Run(context.Background(), Input{Text: text}, WithNow(fixtureNow(text)), WithVerifier(gocrypto.New()))
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			if len(r.ServerMessages) == 0 || !strings.Contains(r.ServerMessages[0].Library, c.library) {
				t.Fatalf("server messages %+v, want library %q", r.ServerMessages, c.library)
			}
			top := ""
			if len(r.Findings) > 0 && r.Findings[0].Severity == report.Error {
				top = r.Findings[0].Code
			}
			if top != c.top {
				t.Errorf("top cause %q, want %q (codes %v)", top, c.top, r.Codes())
			}
			for _, m := range append([]string{report.ServerMessage}, c.must...) {
				if !r.Has(m) {
					t.Errorf("no %s: %v", m, r.Codes())
				}
			}
			for _, n := range c.not {
				if r.Has(n) {
					t.Errorf("unexpected %s: %v", n, r.Codes())
				}
			}
			// One fault, one finding: a cause code is never raised twice.
			seen := map[string]int{}
			for _, f := range r.Findings {
				if f.Severity == report.Error {
					seen[f.Code]++
				}
			}
			for code, n := range seen {
				if n > 1 && code != report.ServerMessage {
					t.Errorf("%d %s findings", n, code)
				}
			}
			// No credential the request carried appears in what is shown.
			out, _ := json.Marshal(struct {
				F []report.Finding
				S []report.RecognisedMessage
			}{r.Findings, r.ServerMessages})
			for _, l := range strings.Split(text, "\n") {
				l = strings.TrimSpace(strings.TrimPrefix(l, ">"))
				if v, ok := strings.CutPrefix(l, "Authorization: "); ok {
					_, cred := report.SplitAuthorization(v)
					if len(cred) > 8 && strings.Contains(string(out), cred) {
						t.Errorf("a credential appears in the output")
					}
				}
			}
			for _, k := range []string{"sk-proj-Q7xk", "sk_test_***"} {
				if strings.Contains(string(out), k) {
					t.Errorf("the API key %q… appears in the output", k)
				}
			}
		})
	}
}

// A 2xx is an acceptance: its body is not read for refusals.
func TestServerMessageIgnores2xx(t *testing.T) {
	r := runTest("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"detail\":\"Not authenticated\",\"message\":\"jwt expired\"}")
	if len(r.ServerMessages) > 0 || r.Has(report.ServerMessage) || r.Has(report.TokenExpired) {
		t.Errorf("2xx: %v %+v", r.Codes(), r.ServerMessages)
	}
}
