package main

import (
	"bytes"
	"os"
	"testing"
)

// The committed table is what the generator makes of the committed data.
func TestTableUpToDate(t *testing.T) {
	in, err := os.ReadFile("../../internal/servermsg/testdata/server-errors.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Generate(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../internal/servermsg/table_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("internal/servermsg/table_gen.go is stale: run go run ./tools/servermsgtable")
	}
}
