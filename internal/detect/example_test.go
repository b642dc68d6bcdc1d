package detect_test

import (
	"fmt"

	"github.com/authdebug/authdebug/internal/detect"
)

func ExampleDetect() {
	paste := "Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.abcx4Q\n" +
		"\n" +
		"HTTP/2 401\n" +
		"www-authenticate: Bearer error=\"invalid_token\"\n" +
		"\n" +
		"{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"…\",\"y\":\"…\"}]}\n"
	for _, p := range detect.Detect(paste) {
		fmt.Printf("%s [%d,%d)\n", p.Kind, p.Start, p.End)
	}
	// Output:
	// authorization-header [0,66)
	// http-response [68,125)
	// jwks [127,184)
}
