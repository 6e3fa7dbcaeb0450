package search

import (
	"bytes"
	"testing"
)

// TestDecode: a page read back from AppendBinary into another Dict is the
// page extracted, and the index of pages read back is byte for byte the
// index of the pages extracted.
func TestDecode(t *testing.T) {
	pages := extract(t, threePages...)
	d := NewDict()
	var back []*Page
	for _, p := range pages {
		data, err := p.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		q, err := d.Decode(data)
		if err != nil {
			t.Fatalf("%s: %v", p.URL, err)
		}
		if !p.equal(q) {
			t.Errorf("%s: read back differs:\n%+v\nwant\n%+v", p.URL, q, p)
		}
		back = append(back, q)
	}
	want, got := Build(pages), Build(back)
	if len(got.Files) != len(want.Files) {
		t.Fatalf("%d files, want %d", len(got.Files), len(want.Files))
	}
	for i := range want.Files {
		if got.Files[i].Name != want.Files[i].Name || !bytes.Equal(got.Files[i].Data, want.Files[i].Data) {
			t.Errorf("file %d: %s differs from %s", i, got.Files[i].Name, want.Files[i].Name)
		}
	}
}

// TestDecodeMalformed: every cut of a page's data, and a changed byte,
// is an error or a page, never a panic or a page with terms it lacks.
func TestDecodeMalformed(t *testing.T) {
	data, err := extract(t, threePages[1])[0].AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(data) {
		if _, err := NewDict().Decode(data[:n]); err == nil {
			t.Errorf("the first %d of %d bytes read as a page", n, len(data))
		}
	}
	if _, err := NewDict().Decode(append(data, 0)); err == nil {
		t.Error("a byte too many read as a page")
	}
}

func FuzzDecode(f *testing.F) {
	for _, p := range extract(f, threePages...) {
		data, err := p.AppendBinary(nil)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := NewDict().Decode(data)
		if err != nil {
			return
		}
		// What decodes must read back as itself.
		again, err := p.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		q, err := NewDict().Decode(again)
		if err != nil || !p.equal(q) {
			t.Errorf("%q decodes, encodes to %q, which reads back as %+v (%v)", data, again, q, err)
		}
	})
}
