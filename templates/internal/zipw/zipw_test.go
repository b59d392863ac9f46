package zipw

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
)

// TestCityZip writes parts around the chunk size through cityZip and
// reads them back with archive/zip, which checks every CRC.
func TestCityZip(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	sizes := []int{0, 1, 1000, Chunk - 1, Chunk, Chunk + 1, 2 * Chunk, 3*Chunk + 12345}
	var want [][]byte
	var buf bytes.Buffer
	z := New(&buf)
	for i, n := range sizes {
		data := make([]byte, n)
		for k := range data {
			// compressible, with some noise
			data[k] = "<c r=\"A1\" s=\"3\" t=\"inlineStr\"><is><t>完成</t></is></c>"[k%40]
			if rnd.IntN(50) == 0 {
				data[k] = byte(rnd.IntN(256))
			}
		}
		want = append(want, data)
		w, err := z.Create(fmt.Sprintf("part%d.xml", i))
		if err != nil {
			t.Fatal(err)
		}
		// in pieces of odd sizes, as io.Copy may hand them
		for len(data) > 0 {
			k := min(len(data), 1+rnd.IntN(70000))
			if _, err := w.Write(data[:k]); err != nil {
				t.Fatal(err)
			}
			data = data[k:]
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(sizes) {
		t.Fatalf("%d parts, want %d", len(zr.File), len(sizes))
	}
	for i, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		rc.Close()
		if !bytes.Equal(got, want[i]) {
			t.Errorf("%s: %d bytes read back differ from the %d written", f.Name, len(got), len(want[i]))
		}
	}
}

// TestCityZipStreams finds a large part written out as it goes: before the
// part ends, all but the last few chunks are in the output, so that the
// writer holds a few chunks whatever the size of the part.
func TestCityZipStreams(t *testing.T) {
	var buf bytes.Buffer
	z := New(&buf)
	w, err := z.Create("big.xml")
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	chunk := make([]byte, Chunk)
	const chunks = 40
	for i := 0; i < chunks; i++ {
		for k := range chunk {
			chunk[k] = byte('a' + rnd.IntN(4))
		}
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	// Each chunk deflates to about a quarter of its size.
	if min := (chunks - z.inFlight - 1) * Chunk / 5; buf.Len() < min {
		t.Errorf("%d bytes out before the part ends, want at least %d", buf.Len(), min)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, rc)
	if err != nil || n != chunks*Chunk {
		t.Fatalf("read back %d bytes, error %v", n, err)
	}
}
