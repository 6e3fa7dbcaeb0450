package builder

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// fill sets every field of v, and of what it holds, to a value other
// than its zero one, so that a field the encoding leaves out shows.
func fill(t *testing.T, r *rand.Rand, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d\x00é", r.IntN(1000)))
	case reflect.Int, reflect.Int64, reflect.Int32:
		n := r.Int64N(1<<40) - 1<<39
		if n == 0 {
			n = 1
		}
		v.SetInt(n)
	case reflect.Uint32:
		v.SetUint(uint64(r.Uint32() | 1))
	case reflect.Uint8:
		v.SetUint(uint64(r.IntN(255) + 1))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Array:
		for i := range v.Len() {
			fill(t, r, v.Index(i))
		}
	case reflect.Slice:
		n := 1 + r.IntN(3)
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		for i := range n {
			fill(t, r, v.Index(i))
		}
	case reflect.Map:
		if v.Type() == reflect.TypeFor[map[string]any]() {
			v.Set(reflect.ValueOf(params(r)))
			return
		}
		m := reflect.MakeMap(v.Type())
		for i := range 1 + r.IntN(3) {
			k := reflect.New(v.Type().Key()).Elem()
			k.SetString(fmt.Sprintf("k%d", i))
			e := reflect.New(v.Type().Elem()).Elem()
			fill(t, r, e)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Field(i)
			if !f.CanSet() { // a field of a type of the package's own, such as pageLink's
				f = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
			}
			fill(t, r, f)
		}
	default:
		t.Fatalf("fill: no value for a %s; teach fill and the record encoding", v.Type())
	}
}

// params returns front matter params of every type YAML and TOML
// decode to.
func params(r *rand.Rand) map[string]any {
	when := time.Date(2026, 12, 4, 10, 30, 0, 5, time.FixedZone("", 2*3600))
	return map[string]any{
		"tags": []any{"a", r.IntN(9), nil}, "n": r.IntN(100), "big": uint64(1 << 63), "toml": int64(-7),
		"f": 2.5, "on": true, "off": false, "none": nil, "date": when, "utc": when.UTC(),
		"author": map[string]any{"name": "Ann", "links": []any{map[string]any{"x": "y"}}},
		"tables": []map[string]any{{"a": 1.0}, {}}, "empty": []any{},
	}
}

// TestRecordRoundTrip: records with every field set, and records with
// none, decode to what was encoded, and encode to the same bytes again.
func TestRecordRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 5} {
		var recs []*record
		for i := range n {
			rec := &record{}
			if i != 1 {
				fill(t, r, reflect.ValueOf(rec).Elem())
			}
			recs = append(recs, rec)
		}
		data, err := appendRecords(nil, recs)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeRecords(data)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			recs = []*record{}
		}
		if !reflect.DeepEqual(got, recs) {
			for i := range min(len(got), len(recs)) {
				if !reflect.DeepEqual(got[i], recs[i]) {
					t.Fatalf("record %d:\n got %+v\nwant %+v", i, *got[i], *recs[i])
				}
			}
			t.Fatalf("%d records back, want %d", len(got), len(recs))
		}
		again, err := appendRecords(nil, got)
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("encoded again: %d bytes (%v), first time %d", len(again), err, len(data))
		}
		// Every shorter prefix is refused, never read as fewer records.
		refusesOtherLengths(t, data, func(b []byte) error { _, err := decodeRecords(b); return err })
	}
}

// TestRecordParamsRefused: a value of params of another type than front
// matter decodes to is an error (the cache is then not written), not a
// value lost.
func TestRecordParamsRefused(t *testing.T) {
	for _, v := range []any{struct{}{}, int32(1), []string{"a"}, map[string]any{"deep": []any{1i}}} {
		_, err := appendRecords(nil, []*record{{File: "a.md", Params: map[string]any{"x": v}}})
		if err == nil || !strings.Contains(err.Error(), "a.md") {
			t.Errorf("params holding %#v: err = %v, want an error naming a.md", v, err)
		}
	}
}

func FuzzDecodeRecords(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	rec := &record{}
	fill(&testing.T{}, r, reflect.ValueOf(rec).Elem())
	data, err := appendRecords(nil, []*record{rec, {File: "a.md"}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte{})
	f.Add([]byte(strings.Repeat("\xff", 20)))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := decodeRecords(bytes.Clone(data)) // its strings are in its memory
		if err != nil {
			return
		}
		// What decodes encodes to what decodes to the same.
		again, err := appendRecords(nil, recs)
		if err != nil {
			t.Fatal(err)
		}
		back, err := decodeRecords(again)
		if err != nil || !reflect.DeepEqual(back, recs) {
			t.Fatalf("decoded, encoded and decoded again: %v", err)
		}
	})
}

// TestIndexRoundTrip: an index with every field set, and one with none,
// decodes to what was encoded and encodes to the same bytes again; a
// shorter or longer one is refused.
func TestIndexRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	full := filledIndex(t, r)
	for _, x := range []cacheIndex{full, {}} {
		data := appendIndex(nil, &x)
		got, err := decodeIndex(data)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, x) {
			t.Fatalf("decoded\n%+v\nwant\n%+v", got, x)
		}
		if again := appendIndex(nil, &got); !bytes.Equal(again, data) {
			t.Fatal("encoded again to other bytes")
		}
		refusesOtherLengths(t, data, func(b []byte) error { _, err := decodeIndex(b); return err })
	}
}

func FuzzDecodeIndex(f *testing.F) {
	x := filledIndex(&testing.T{}, rand.New(rand.NewPCG(7, 8)))
	f.Add(appendIndex(nil, &x))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := decodeIndex(bytes.Clone(data))
		if err != nil {
			return
		}
		// What decodes encodes to what decodes to the same.
		again, err := decodeIndex(appendIndex(nil, &got))
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Fatalf("decoded %+v, again %+v (%v)", got, again, err)
		}
	})
}

// filledIndex returns an index whose every field the file holds (the
// exported ones) is set.
func filledIndex(t *testing.T, r *rand.Rand) cacheIndex {
	var x cacheIndex
	v := reflect.ValueOf(&x).Elem()
	for i := range v.NumField() {
		if v.Type().Field(i).IsExported() {
			fill(t, r, v.Field(i))
		}
	}
	return x
}

// refusesOtherLengths fails t unless decode refuses every prefix of
// data shorter than it, and data with a byte more.
func refusesOtherLengths(t *testing.T, data []byte, decode func([]byte) error) {
	t.Helper()
	for i := range len(data) {
		if decode(data[:i]) == nil {
			t.Fatalf("%d of %d bytes decoded without an error", i, len(data))
		}
	}
	if decode(append(data[:len(data):len(data)], 0)) == nil {
		t.Fatal("a byte after the end decoded without an error")
	}
}
