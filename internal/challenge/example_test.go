package challenge_test

import (
	"fmt"

	"github.com/authdebug/authdebug/internal/challenge"
	"github.com/authdebug/authdebug/internal/report"
)

func ExampleParse() {
	cs, err := challenge.Parse(`Bearer realm="api", error="insufficient_scope", scope="orders:write", Basic realm="legacy"`)
	fmt.Println(err)
	for _, c := range cs {
		fmt.Printf("%s realm=%q error=%q scope=%q\n", c.Scheme, c.Params["realm"], c.Params["error"], c.Params["scope"])
	}
	// Output:
	// <nil>
	// Bearer realm="api" error="insufficient_scope" scope="orders:write"
	// Basic realm="legacy" error="" scope=""
}

func ExampleParse_malformed() {
	v := `Bearer error="invalid_token", error_description="expired`
	cs, err := challenge.Parse(v)
	fmt.Println(len(cs), cs[0].Params["error"])
	if se, ok := err.(*challenge.SyntaxError); ok {
		fmt.Println(se.Msg)
		fmt.Println(challenge.Caret(v, se.Offset))
	}
	// Output:
	// 1 invalid_token
	// the quoted value of "error_description" opened here is never closed
	// Bearer error="invalid_token", error_description="expired
	//                                                 ^
}

func ExampleDescribeParam() {
	fmt.Println(challenge.DescribeParam("Bearer", "error=insufficient_scope"))
	// Output:
	// error=insufficient_scope: the token is valid but lacks the scope this resource requires; the scope parameter says which (RFC 6750 §3.1).
}

func ExampleExplain() {
	cs, _ := challenge.Parse(`Bearer realm="api", error="insufficient_scope", scope="orders:read"`)
	e := challenge.Explain(cs[0])
	fmt.Println(e.Params["error"])
	fmt.Println(challenge.Explain(report.Challenge{Scheme: "X-Custom"}) == nil)
	// Output:
	// error=insufficient_scope: the token is valid but lacks the scope this resource requires; the scope parameter says which (RFC 6750 §3.1).
	// true
}
