package exchange

import (
	"testing"

	"github.com/authdebug/authdebug/internal/detect"
)

func TestTokenizeShellVariables(t *testing.T) {
	tests := []struct {
		word string
		want byte
	}{
		{`'Bearer $TOKEN'`, varLiteral},
		{`"Bearer $TOKEN"`, varExpands},
		{`"Bearer ${TOKEN}"`, varExpands},
		{`Bearer\ $TOKEN`, varExpands},
		{`"Bearer \$TOKEN"`, 0},
		{`"costs $5"`, 0},
		{`'a'"$B"`, varExpands},
		{`$'Bearer x'`, 0},
		{`plain`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			as := tokenize(tt.word, detect.StyleBash)
			if len(as) != 1 || as[0].vars != tt.want {
				t.Errorf("tokenize(%s) = %+v, want vars %d", tt.word, as, tt.want)
			}
		})
	}
}
