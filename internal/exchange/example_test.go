package exchange_test

import (
	"fmt"

	"github.com/authdebug/authdebug/internal/exchange"
)

func ExampleDiagnose() {
	paste := `$ curl -i https://api.example.com/v1/orders/7 -H "Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzY29wZSI6Im9yZGVyczpyZWFkIn0.c2ln"
HTTP/1.1 401 Unauthorized
WWW-Authenticate: Bearer realm="orders", error="insufficient_scope", scope="orders:read orders:write"
`
	exs, _, _ := exchange.FromText(paste)
	ctx := exchange.Context{TokenScopes: []string{"orders:read"}, HasScopeClaim: true}
	for _, f := range exchange.Diagnose(exs, ctx) {
		fmt.Printf("%s (%s, %s): %s\n", f.Code, f.Severity, f.Side, f.Title)
	}
	// Output:
	// response.insufficient_scope (error, client): The token lacks the scope "orders:write" that this resource requires
	// response.status_mismatch (warning, server): insufficient_scope was sent with 401; RFC 6750 says 403
}

func ExampleToReport() {
	exs, _, _ := exchange.FromText("curl -H 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz' -b 'sid=0123456789abcdef' https://api.example.com/me")
	req, _ := exchange.ToReport(exs[0], false)
	for _, h := range req.Headers {
		fmt.Printf("%s: %s\n", h.Name(), h.Value())
	}
	for _, c := range exchange.Credentials(exs[0].Request) {
		fmt.Println(c.Source)
	}
	// Output:
	// Authorization: Bearer abcdefgh…xyz, 26 chars
	// Cookie: sid=0123…, 16 chars
	// request.authorization
	// request.cookie.sid
}
