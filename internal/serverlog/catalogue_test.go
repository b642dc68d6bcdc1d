package serverlog

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

type entry struct {
	Library  string `json:"library"`
	Language string `json:"language"`
	Source   string `json:"source"`
	Message  string `json:"message"`
	Cause    string `json:"cause"`
}

func catalogue(t testing.TB) []entry {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "servermsg", "testdata", "server-errors.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var es []entry
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var e entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		es = append(es, e)
	}
	return es
}

var placeholder = regexp.MustCompile(`\$?\{[^{}"]*\}|%[+#0-9]*[sdvqwTxf]`)

// fill puts plausible values where the message has placeholders.
func fill(e entry) string {
	n := 0
	return placeholder.ReplaceAllStringFunc(e.Message, func(p string) string {
		n++
		switch {
		case strings.HasPrefix(p, "%d"):
			return "1765120000"
		case strings.HasPrefix(e.Cause, "kid"):
			return "k2"
		case e.Cause == "wrong-audience":
			return "api://other"
		case e.Cause == "wrong-issuer":
			return "https://issuer.example.com/"
		case e.Cause == "expired" || e.Cause == "not-yet-valid" || e.Cause == "iat-future":
			return "2026-12-07T15:20:00Z"
		case e.Cause == "wrong-alg" || e.Cause == "wrong-key-type":
			return "HS256"
		case e.Cause == "missing-claim" || e.Cause == "invalid-claim-type" || e.Cause == "invalid-claim":
			return "sub"
		}
		return fmt.Sprintf("value%d", n)
	})
}

// noise wraps a message the way its language's programs log it: a plain
// log line and a stack or exception form.
func noise(e entry, msg string) map[string]string {
	file := e.Source
	if _, p, ok := strings.Cut(file, ":"); ok {
		file = p
	}
	q, _ := json.Marshal(msg)
	switch e.Language {
	case "python":
		exc := map[string]string{"python-jose": "jose.exceptions.JWTError", "PyJWT": "jwt.exceptions.InvalidTokenError", "Authlib": "authlib.jose.errors.JoseError"}[e.Library]
		if exc == "" {
			exc = "Exception"
		}
		return map[string]string{
			"logging": "2026-12-07 15:28:11,123 ERROR [app.auth] token rejected: " + msg,
			"traceback": "Traceback (most recent call last):\n" +
				"  File \"/srv/app/main.py\", line 42, in get_current_user\n    payload = jwt.decode(token, KEY, algorithms=[\"RS256\"])\n" +
				"  File \"/usr/lib/python3/dist-packages/" + file + "\", line 331, in decode\n    raise err\n" +
				exc + ": " + msg + "\n",
		}
	case "javascript", "typescript":
		frame := "    at verify (/app/node_modules/" + npmPackage(e.Library) + "/" + file + ":120:19)\n" +
			"    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n"
		return map[string]string{
			"nest":  "[Nest] 4242  - 12/07/2026, 3:28:11 PM   ERROR [ExceptionsHandler] " + msg + "\nError: " + msg + "\n" + frame,
			"stack": "Error: " + msg + "\n" + frame,
		}
	case "go":
		return map[string]string{
			"slog": "time=2026-12-07T15:28:11.123Z level=ERROR msg=\"token rejected\" err=" + string(q),
			"log":  "2026/12/07 15:28:11 auth: " + msg,
		}
	case "java":
		return map[string]string{
			"logback": "2026-12-07 15:28:11.123 ERROR 4242 --- [nio-8080-exec-1] o.s.s.w.a.BearerTokenAuthenticationFilter : Authentication request failed\n" +
				"org.springframework.security.authentication.AuthenticationServiceException: Request failed\n" +
				"\tat org.springframework.security.web.FilterChainProxy.doFilter(FilterChainProxy.java:233)\n" +
				"Caused by: " + javaClass(e) + ": " + msg + "\n\tat " + javaClass(e) + ".check(Check.java:88)\n\t... 42 common frames omitted\n",
		}
	case "csharp":
		// The console formatter indents every line of a message.
		msg = strings.ReplaceAll(msg, "\n", "\n      ")
		return map[string]string{
			"console": "fail: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[1]\n      " + msg + "\n",
			"exception": "fail: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[1]\n      Exception occurred while processing message.\n" +
				"      Microsoft.IdentityModel.Tokens.SecurityTokenException: " + msg + "\n         at Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler.ValidateToken(String token)\n",
		}
	case "c", "lua":
		if e.Language == "lua" {
			msg = "[kong] handler.lua:123 [jwt] " + msg // Kong's plugin log prefix
		}
		return map[string]string{
			"nginx": "2026/12/07 15:28:11 [error] 1234#1234: *5 " + msg + ", client: 127.0.0.1, server: api, request: \"GET /me HTTP/1.1\", host: \"api\"",
		}
	case "c++":
		return map[string]string{
			"envoy": "[2026-12-07 15:28:11.123][15][debug][jwt] [source/extensions/filters/http/jwt_authn/authenticator.cc:262] " + msg,
		}
	}
	return map[string]string{
		"json": `{"level":"error","time":"2026-12-07T15:28:11Z","msg":"request refused","error":` + string(q) + `}`,
	}
}

// npmPackage is the directory a library's frames show under node_modules.
func npmPackage(lib string) string {
	for _, p := range []string{"jsonwebtoken", "express-jwt", "express-oauth2-jwt-bearer", "passport-jwt", "jwks-rsa", "njwt", "aws-jwt-verify", "firebase-admin"} {
		if strings.HasPrefix(lib, p) {
			return p
		}
	}
	switch {
	case strings.HasPrefix(lib, "jose"):
		return "jose"
	case strings.HasPrefix(lib, "@okta"):
		return "@okta/jwt-verifier"
	}
	return "lib"
}

func javaClass(e entry) string {
	switch {
	case strings.Contains(e.Library, "Nimbus"):
		return "com.nimbusds.jwt.proc.BadJWTException"
	case strings.Contains(e.Library, "jjwt"):
		return "io.jsonwebtoken.JwtException"
	case strings.Contains(e.Library, "auth0"):
		return "com.auth0.jwt.exceptions.JWTVerificationException"
	case strings.Contains(e.Library, "Keycloak"):
		return "org.keycloak.common.VerificationException"
	}
	return "org.springframework.security.oauth2.jwt.JwtValidationException"
}

func TestCatalogueInLogs(t *testing.T) {
	type tally struct{ ok, total int }
	per := map[string]*tally{}
	for _, e := range catalogue(t) {
		if e.Cause == "" {
			continue
		}
		msg := fill(e)
		if per[e.Library] == nil {
			per[e.Library] = &tally{}
		}
		tl := per[e.Library]
		tl.total++
		forms := noise(e, msg)
		names := make([]string, 0, len(forms))
		for n := range forms {
			names = append(names, n)
		}
		sort.Strings(names)
		allOK := true
		for _, form := range names {
			text := forms[form]
			name := e.Library + "/" + form + "/" + e.Message
			ok := t.Run(name, func(t *testing.T) {
				ps := detect.Detect(text)
				if len(ps) != 1 || ps[0].Kind != report.KindServerLog {
					var kinds []string
					for _, p := range ps {
						kinds = append(kinds, p.Kind)
					}
					t.Fatalf("detected %v, want one server-log part in\n%s", kinds, text)
				}
				var got []string
				for _, m := range Recognise(ps[0].Text) {
					if m.Cause == e.Cause {
						return
					}
					got = append(got, m.Cause+" ("+m.Library+": "+m.Raw+")")
				}
				t.Errorf("cause %s not recognised; got %q in\n%s", e.Cause, got, text)
			})
			allOK = allOK && ok
		}
		if allOK {
			tl.ok++
		}
	}
	libs := make([]string, 0, len(per))
	for l := range per {
		libs = append(libs, l)
	}
	sort.Strings(libs)
	for _, l := range libs {
		t.Logf("%-55s %d/%d", l, per[l].ok, per[l].total)
	}
}
