package report

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// fill sets v (settable) to a random value: every struct field, pointer,
// slice and map, with strings drawn from tricky pieces (HTML characters,
// control bytes, invalid UTF-8, U+2028) and floats over every exponent
// range, so that Marshal is compared with encoding/json on every field of
// the report, including any field added later.
func fill(r *rand.Rand, v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		pieces := []string{"", "a", "plain text ", "<b>", "&amp;", "\"q\"", `back\slash`, "\n\t\r\b\f", "\x00\x01\x1f\x7f",
			"é", "日本", "\u2028\u2029", "\xff", "\xe2\x80", "emoji 😀", strings.Repeat("long ascii run ", 3), "'apos'"}
		var b strings.Builder
		for n := r.IntN(5); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		v.SetString(b.String())
	case reflect.Int:
		v.SetInt(int64(r.IntN(2000)) - 100)
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Float64:
		fs := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1.0 / 3, 1e-6, 9.99e-7, 1e-7, 1.5e-9, 1e20, 1e21, 123456789.125, -2.5e-300, math.MaxFloat64,
			math.SmallestNonzeroFloat64, r.Float64() * 100, r.NormFloat64()}
		v.SetFloat(fs[r.IntN(len(fs))])
	case reflect.Pointer:
		if depth > 4 || r.IntN(4) == 0 {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(r, p.Elem(), depth+1)
		v.Set(p)
	case reflect.Slice:
		switch {
		case depth > 4 || r.IntN(5) == 0:
			v.SetZero() // nil
			return
		case r.IntN(5) == 0:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0)) // empty, not nil
			return
		}
		n := 1 + r.IntN(3)
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fill(r, s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Map:
		if r.IntN(4) == 0 {
			v.SetZero()
			return
		}
		m := reflect.MakeMap(v.Type())
		for n := r.IntN(20); n > 0; n-- {
			k := reflect.New(v.Type().Key()).Elem()
			fill(r, k, depth+1)
			e := reflect.New(v.Type().Elem()).Elem()
			fill(r, e, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(r, v.Field(i), depth+1)
			}
		}
	default:
		panic("fill: unhandled kind " + v.Kind().String() + " in the report: teach fill and Marshal about it")
	}
}

func TestMarshalMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		var rep Report
		fill(r, reflect.ValueOf(&rep).Elem(), 0)
		want, werr := json.Marshal(&rep)
		got, gerr := Marshal(&rep)
		if (werr == nil) != (gerr == nil) || !bytes.Equal(got, want) {
			t.Fatalf("report %d: Marshal differs from json.Marshal (errors %v, %v)\n got  %s\n want %s", i, gerr, werr, got, want)
		}
	}
}

func TestMarshalUnsupportedFloat(t *testing.T) {
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		rep := &Report{Signals: []Signal{{ID: "x", Value: f}}}
		want, werr := json.Marshal(rep)
		got, gerr := Marshal(rep)
		if werr == nil || gerr == nil || werr.Error() != gerr.Error() || !bytes.Equal(got, want) {
			t.Errorf("%v: got %q, %v; want %q, %v", f, got, gerr, want, werr)
		}
	}
}

// TestMarshalStrings compares the string escaping on every short string of
// the bytes that matter, at every alignment of the eight-byte fast path.
func TestMarshalStrings(t *testing.T) {
	alphabet := []string{"a", "<", ">", "&", "\"", "\\", "\x00", "\x1f", " ", "\x7f", "\x80", "é", "\u2028", "\xe2\x80\xa8"[:2], "~"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for n := r.IntN(40); n > 0; n-- {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		want, _ := json.Marshal(s)
		e := &encoder{}
		e.str(s)
		if !bytes.Equal(e.b, want) {
			t.Fatalf("%q: got %s, want %s", s, e.b, want)
		}
	}
	for c := range 256 {
		s := strings.Repeat("x", 9) + string(rune(c)) + string([]byte{byte(c)}) + strings.Repeat("y", 9)
		want, _ := json.Marshal(s)
		e := &encoder{}
		e.str(s)
		if !bytes.Equal(e.b, want) {
			t.Fatalf("byte %#x: got %s, want %s", c, e.b, want)
		}
	}
}

func BenchmarkMarshal(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	var rep Report
	fill(r, reflect.ValueOf(&rep).Elem(), 0)
	rep.Text = strings.Repeat("An ordinary paragraph of news text, with \"quotes\" and numbers 1,234.\n\n", 60)
	b.Run("encoding-json", func(b *testing.B) {
		for range b.N {
			json.Marshal(&rep)
		}
	})
	b.Run("report", func(b *testing.B) {
		for range b.N {
			Marshal(&rep)
		}
	})
}
