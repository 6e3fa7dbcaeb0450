package builder

import (
	"strings"
	"testing"
)

// TestKeyHash: lists of fields that differ make different keys, even
// when their bytes run together alike; the same fields make the same
// key however they fall on the buffer's flushes.
func TestKeyHash(t *testing.T) {
	key := func(fields ...any) [32]byte {
		k := newKeyHash([32]byte{1})
		for _, f := range fields {
			switch f := f.(type) {
			case string:
				k.str(f)
			case []byte:
				k.bytes(f)
			case int:
				k.int(int64(f))
			case bool:
				k.bool(f)
			}
		}
		return k.sum()
	}
	big := strings.Repeat("x", 5000) // past a flush
	for _, tt := range []struct {
		name string
		a, b []any
	}{
		{"split elsewhere", []any{"ab", "c"}, []any{"a", "bc"}},
		{"one field more", []any{"a"}, []any{"a", ""}},
		{"string or bytes of a number", []any{"\x02"}, []any{1}},
		{"true or false", []any{true}, []any{false}},
		{"negative", []any{-1}, []any{1}},
		{"big fields split elsewhere", []any{big, "y"}, []any{big + "y", ""}},
	} {
		if key(tt.a...) == key(tt.b...) {
			t.Errorf("%s: %q and %q make one key", tt.name, tt.a, tt.b)
		}
	}
	var twice [2][32]byte
	for i := range twice {
		twice[i] = key(big, "y", 3, true)
	}
	if twice[0] != twice[1] {
		t.Error("the same fields make different keys")
	}
	if newKeyHash([32]byte{1}).sum() == newKeyHash([32]byte{2}).sum() {
		t.Error("the key it starts from makes no difference")
	}
}
