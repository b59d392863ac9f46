package zipw

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"io/fs"
	"runtime"
	"sync"
)

// cityZipLevel is the deflate level of a city scorecard. At 3,000 units
// the parts to deflate are about 113 MB of XML (101 MB of it the long 明细
// sheet). On two cores, in chunks side by side, level 3 takes about 0.37 s
// for a 12.1 MB file, where one core took 0.46 s at level 1 for 15.2 MB and
// about 1.9 s at the default level 6 for 9.7 MB. Every reader of .xlsx
// reads any deflate level.
const cityZipLevel = 3

// Chunk is the size of the pieces of a large part (a streamed
// sheet) that are deflated side by side.
const Chunk = 1 << 20

// Writer is the zip writer of a city scorecard. A part of up to one
// chunk is written as zip.Writer writes it. A larger one is cut into
// chunks deflated in parallel, each from a fresh dictionary and ended by a
// sync flush but the last, so that their concatenation is one valid
// deflate stream (as pigz and pgzip do). Such a part is written as it
// goes: its header first, with the CRC and sizes in a data descriptor
// after the data (as zip.Writer does for every part), each chunk as soon
// as it and those before it are deflated, so that no more than a few
// chunks per core are held whatever the size of the part. The output is
// one zip whatever the number of cores; only the compressed bytes depend
// on the chunking, not on the scheduling.
type Writer struct {
	zw   *zip.Writer
	cur  *cityZipPart
	jobs chan *cityZipJob
	raws chan []byte // spare chunk buffers
	wg   sync.WaitGroup
	// inFlight is how many chunks may be deflating or waiting to be
	// written before Write waits for the oldest.
	inFlight int
}

func New(w io.Writer) *Writer {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, cityZipLevel)
	})
	return &Writer{zw: zw}
}

// cityZipPart is the part being written.
type cityZipPart struct {
	z    *Writer
	name string
	crc  uint32
	size uint64
	buf  []byte
	// Once the part is larger than a chunk: its header, the writer of
	// its data, the chunks not yet written in order, and the bytes
	// written.
	fh         *zip.FileHeader
	raw        io.Writer
	pending    []*cityZipJob
	compressed uint64
}

// cityZipJob is one chunk to deflate.
type cityZipJob struct {
	raw   []byte
	final bool
	out   bytes.Buffer
	err   error
	done  chan struct{}
}

func (z *Writer) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	z.cur = &cityZipPart{z: z, name: name}
	return z.cur, nil
}

func (z *Writer) AddFS(fsys fs.FS) error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

func (z *Writer) Close() error {
	err := z.finish()
	if z.jobs != nil {
		close(z.jobs)
		z.wg.Wait()
		z.jobs = nil
	}
	if err != nil {
		_ = z.zw.Close()
		return err
	}
	return z.zw.Close()
}

func (p *cityZipPart) Write(b []byte) (int, error) {
	n := len(b)
	p.crc = crc32.Update(p.crc, crc32.IEEETable, b)
	p.size += uint64(n)
	for len(b) > 0 {
		if p.buf == nil {
			p.buf = p.z.raw()
		}
		k := min(len(b), Chunk-len(p.buf))
		p.buf = append(p.buf, b[:k]...)
		b = b[k:]
		if len(p.buf) == Chunk {
			if err := p.z.deflate(p, false); err != nil {
				return n - len(b), err
			}
		}
	}
	return n, nil
}

// raw returns an empty chunk buffer.
func (z *Writer) raw() []byte {
	select {
	case b := <-z.raws:
		return b[:0]
	default:
		return make([]byte, 0, Chunk)
	}
}

// deflate hands the part's buffered chunk to the workers, started on the
// first large part; the part's header is written before its first chunk,
// and the oldest chunks are written out once too many are in flight.
func (z *Writer) deflate(p *cityZipPart, final bool) error {
	if z.jobs == nil {
		n := max(runtime.GOMAXPROCS(0), 1)
		z.jobs = make(chan *cityZipJob, n)
		z.raws = make(chan []byte, n+2)
		z.inFlight = n + 2
		for range n {
			z.wg.Add(1)
			go z.work()
		}
	}
	if p.fh == nil {
		p.fh = &zip.FileHeader{Name: p.name, Method: zip.Deflate, Flags: 0x8, CreatorVersion: 20, ReaderVersion: 20}
		w, err := z.zw.CreateRaw(p.fh)
		if err != nil {
			return err
		}
		p.raw = w
	}
	j := &cityZipJob{raw: p.buf, final: final, done: make(chan struct{})}
	p.buf = nil
	p.pending = append(p.pending, j)
	z.jobs <- j
	for len(p.pending) > z.inFlight {
		if err := p.writeOldest(); err != nil {
			return err
		}
	}
	return nil
}

// writeOldest waits for the oldest chunk in flight and writes it.
func (p *cityZipPart) writeOldest() error {
	j := p.pending[0]
	p.pending = p.pending[1:]
	<-j.done
	if j.err != nil {
		return j.err
	}
	p.compressed += uint64(j.out.Len())
	_, err := p.raw.Write(j.out.Bytes())
	return err
}

func (z *Writer) work() {
	defer z.wg.Done()
	var fw *flate.Writer
	for j := range z.jobs {
		if fw == nil {
			fw, j.err = flate.NewWriter(&j.out, cityZipLevel)
		} else {
			fw.Reset(&j.out)
		}
		if j.err == nil {
			_, j.err = fw.Write(j.raw)
		}
		if j.err == nil {
			if j.final {
				j.err = fw.Close()
			} else {
				j.err = fw.Flush()
			}
		}
		select {
		case z.raws <- j.raw:
		default:
		}
		j.raw = nil
		close(j.done)
	}
}

// finish writes the rest of the part being written into the zip: all of
// a small part, the last chunks and the sizes of a large one (the data
// descriptor follows when the next part starts or the zip is closed).
func (z *Writer) finish() error {
	p := z.cur
	if p == nil {
		return nil
	}
	z.cur = nil
	if p.fh == nil {
		w, err := z.zw.Create(p.name)
		if err != nil {
			return err
		}
		_, err = w.Write(p.buf)
		if p.buf != nil {
			select { // the deflater has copied it: the buffer can serve again
			case z.raws <- p.buf:
			default:
			}
		}
		return err
	}
	if p.buf == nil {
		p.buf = z.raw()
	}
	err := z.deflate(p, true)
	for len(p.pending) > 0 {
		if e := p.writeOldest(); err == nil {
			err = e
		}
	}
	if err != nil {
		return err
	}
	fh := p.fh
	fh.CRC32, fh.CompressedSize64, fh.UncompressedSize64 = p.crc, p.compressed, p.size
	fh.CompressedSize, fh.UncompressedSize = uint32(min(p.compressed, 1<<32-1)), uint32(min(p.size, 1<<32-1))
	return nil
}
