package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// The structural check: before bbolt maps a file, CSAT Desk walks the page
// tree itself, reading the file with ordinary reads, and refuses a file
// whose tree bbolt could not walk safely. bbolt trusts its pages: a page
// number past the end of the file is a SIGBUS (a crash, not an error), a
// page that points back to one above it sends a cursor round for ever or
// overflows the stack, a live page listed as free is overwritten by the
// next write. The walk checks, for every page reachable from the current
// meta page: the page number lies inside the file and below the
// high-water mark, the page says it is that page, it is a branch or leaf
// page, its elements and their keys and values lie inside the page, keys
// are in order, no page is reached twice (a cycle or a shared page), the
// depth is bounded, and no reachable page is on the free list. It reads no
// values beyond the bucket headers: a byte changed inside a value is found
// by the decoders (and checksums), not here.

// bbolt v1.4's page layout (go.etcd.io/bbolt/internal/common).
const (
	pageHeaderSize   = 16
	pageElemSize     = 16 // branch and leaf elements alike
	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	freelistPageFlag = 0x10
	metaPageFlag     = 0x04
	bucketLeafFlag   = 0x01
	bucketHeaderSize = 16 // root pgid, sequence
	metaRootOff      = 16 // in the meta, after magic, version, page size, flags
	metaFreelistOff  = 32
	noFreelist       = ^uint64(0)
	// maxTreeDepth is far beyond any real file (a 1M-response database
	// is 4 deep) and far below what overflows a stack.
	maxTreeDepth = 64
)

// errStructure marks what the structural check found.
var errStructure = errors.New("damaged page structure")

// pageWalker walks one file's page tree.
type pageWalker struct {
	f        *os.File
	pageSize int64
	hwm      uint64 // high-water mark: pages 0..hwm-1 exist
	size     int64
	seen     map[uint64]bool // first page of every reachable page run
	used     []bool          // every page a reachable page run covers
	buf      []byte

	// salvage (Salvage) records a damaged page in problems and goes on
	// with the rest of the tree instead of stopping.
	salvage  bool
	problems []string
	// visit, if set, is given every key and value outside the meta pages
	// with the names of the buckets it is in; the slices stay valid.
	visit func(path [][]byte, k, v []byte)
	path  [][]byte
}

// checkStructure walks the page tree of the bbolt file at path (see the
// comment above) and returns an error wrapping ErrCorrupt for the first
// problem; nil for a sound structure.
func checkStructure(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	w := &pageWalker{f: f, size: fi.Size(), seen: map[uint64]bool{}}
	if err := w.run(); err != nil {
		return fmt.Errorf("open %s: %w: %w; restore a backup, or rescue what can be read (csatdesk rescue)", path, ErrCorrupt, err)
	}
	return nil
}

// meta returns the root bucket page and the free list page of the valid
// meta page with the highest transaction ID, as bbolt picks it.
func (w *pageWalker) meta() (root, freelist uint64, err error) {
	ok := false
	var best uint64
	for i := int64(0); i < 2; i++ {
		off := int64(0)
		if i == 1 {
			if w.pageSize == 0 {
				break
			}
			off = w.pageSize
		}
		buf := make([]byte, metaOff+metaLen)
		if _, err := w.f.ReadAt(buf, off); err != nil && err != io.EOF {
			return 0, 0, err
		}
		// bbolt's own check (run read-only before a rollback writes)
		// asserts that both header pages name themselves, and panics in
		// its own goroutine when one does not (a zeroed page 1 crashed
		// the program). A header page that does not name itself is
		// damage, whatever the other header holds; Salvage reads on
		// with the other.
		if binary.LittleEndian.Uint64(buf) != uint64(i) || binary.LittleEndian.Uint16(buf[8:]) != metaPageFlag {
			if !w.salvage {
				return 0, 0, fmt.Errorf("%w: header page %d is damaged", errStructure, i)
			}
			w.problems = append(w.problems, fmt.Sprintf("header page %d is damaged", i))
			continue
		}
		m := buf[metaOff:]
		if binary.LittleEndian.Uint32(m) != boltMagic {
			continue
		}
		h := fnv.New64a()
		h.Write(m[:metaSumLen])
		if h.Sum64() != binary.LittleEndian.Uint64(m[metaChecksum:]) {
			continue
		}
		ps := int64(binary.LittleEndian.Uint32(m[metaPageSzOff:]))
		if ps < 512 || ps > 1<<20 || (w.pageSize != 0 && ps != w.pageSize) {
			continue
		}
		w.pageSize = ps
		txid := binary.LittleEndian.Uint64(m[metaTxidOff:])
		if !ok || txid > best {
			ok, best = true, txid
			root = binary.LittleEndian.Uint64(m[metaRootOff:])
			freelist = binary.LittleEndian.Uint64(m[metaFreelistOff:])
			w.hwm = binary.LittleEndian.Uint64(m[metaPgidOff:])
		}
	}
	if !ok {
		return 0, 0, errors.New("no valid header")
	}
	if w.hwm < 2 || w.hwm > uint64(w.size/w.pageSize)+1 {
		return root, freelist, fmt.Errorf("the header counts %d pages, the file holds %d", w.hwm, w.size/w.pageSize)
	}
	return root, freelist, nil
}

func (w *pageWalker) run() error {
	root, freelist, err := w.meta()
	if err != nil {
		return err
	}
	w.used = make([]bool, w.hwm)
	w.used[0], w.used[1] = true, true
	if err := w.walk(root, 0); err != nil {
		return err
	}
	if freelist == noFreelist {
		return nil
	}
	return w.checkFreelist(freelist)
}

// page reads page id (with its overflow pages) after checking that it is
// inside the file, and returns it with its flags and element count.
func (w *pageWalker) page(id uint64) (p []byte, flags uint16, count int, err error) {
	if id < 2 || id >= w.hwm {
		return nil, 0, 0, fmt.Errorf("%w: page %d is outside the file's %d pages", errStructure, id, w.hwm)
	}
	head := make([]byte, pageHeaderSize)
	if _, err := w.f.ReadAt(head, int64(id)*w.pageSize); err != nil {
		return nil, 0, 0, fmt.Errorf("%w: page %d: %v", errStructure, id, err)
	}
	if got := binary.LittleEndian.Uint64(head); got != id {
		return nil, 0, 0, fmt.Errorf("%w: page %d says it is page %d", errStructure, id, got)
	}
	flags = binary.LittleEndian.Uint16(head[8:])
	count = int(binary.LittleEndian.Uint16(head[10:]))
	overflow := uint64(binary.LittleEndian.Uint32(head[12:]))
	if id+overflow >= w.hwm || id+overflow < id {
		return nil, 0, 0, fmt.Errorf("%w: page %d runs past the file's %d pages", errStructure, id, w.hwm)
	}
	n := int64(overflow+1) * w.pageSize
	if int64(id)*w.pageSize+n > w.size {
		return nil, 0, 0, fmt.Errorf("%w: page %d runs past the end of the file", errStructure, id)
	}
	if int64(cap(w.buf)) < n {
		w.buf = make([]byte, n)
	}
	p = w.buf[:n]
	if _, err := w.f.ReadAt(p, int64(id)*w.pageSize); err != nil {
		return nil, 0, 0, fmt.Errorf("%w: page %d: %v", errStructure, id, err)
	}
	for i := id; i <= id+overflow; i++ {
		if w.used[i] {
			return nil, 0, 0, fmt.Errorf("%w: page %d is reached twice", errStructure, i)
		}
		w.used[i] = true
	}
	return p, flags, count, nil
}

// walk checks the tree of pages under page id (a bucket's root at depth
// 0). In salvage mode a damaged page is recorded and skipped.
func (w *pageWalker) walk(id uint64, depth int) error {
	n := len(w.path)
	err := w.walkPage(id, depth)
	w.path = w.path[:n]
	if err != nil && w.salvage {
		w.problems = append(w.problems, err.Error())
		return nil
	}
	return err
}

func (w *pageWalker) walkPage(id uint64, depth int) error {
	if depth > maxTreeDepth {
		return fmt.Errorf("%w: the tree is deeper than %d pages at page %d", errStructure, maxTreeDepth, id)
	}
	p, flags, count, err := w.page(id)
	if err != nil {
		return err
	}
	// p is w.buf, reused below: copy what the recursion needs.
	switch flags {
	case branchPageFlag:
		if count == 0 {
			return fmt.Errorf("%w: branch page %d is empty", errStructure, id)
		}
		children := make([]uint64, count)
		var prev []byte
		for i := range count {
			e := pageHeaderSize + i*pageElemSize
			if e+pageElemSize > len(p) {
				return fmt.Errorf("%w: page %d: element %d lies outside the page", errStructure, id, i)
			}
			pos := int(binary.LittleEndian.Uint32(p[e:]))
			ksize := int(binary.LittleEndian.Uint32(p[e+4:]))
			k, ok := slice(p, e+pos, ksize)
			if !ok {
				return fmt.Errorf("%w: page %d: key %d lies outside the page", errStructure, id, i)
			}
			if i > 0 && bytes.Compare(prev, k) >= 0 {
				return fmt.Errorf("%w: page %d: keys out of order", errStructure, id)
			}
			prev = append(prev[:0], k...)
			children[i] = binary.LittleEndian.Uint64(p[e+8:])
		}
		for _, c := range children {
			if err := w.walk(c, depth+1); err != nil {
				return err
			}
		}
		return nil
	case leafPageFlag:
		leaf := append([]byte(nil), p...)
		return w.leaf(leaf, id, count, depth)
	}
	return fmt.Errorf("%w: page %d has type %#x where a branch or leaf page belongs", errStructure, id, flags)
}

// leaf checks the elements of a leaf page (p, of page id, or an inline
// bucket's page with id 0) and walks the buckets it holds.
func (w *pageWalker) leaf(p []byte, id uint64, count, depth int) error {
	var prev []byte
	for i := range count {
		e := pageHeaderSize + i*pageElemSize
		if e+pageElemSize > len(p) {
			return fmt.Errorf("%w: page %d: element %d lies outside the page", errStructure, id, i)
		}
		flags := binary.LittleEndian.Uint32(p[e:])
		pos := int(binary.LittleEndian.Uint32(p[e+4:]))
		ksize := int(binary.LittleEndian.Uint32(p[e+8:]))
		vsize := int(binary.LittleEndian.Uint32(p[e+12:]))
		k, ok := slice(p, e+pos, ksize)
		if !ok {
			return fmt.Errorf("%w: page %d: key %d lies outside the page", errStructure, id, i)
		}
		v, ok := slice(p, e+pos+ksize, vsize)
		if !ok {
			return fmt.Errorf("%w: page %d: value %d lies outside the page", errStructure, id, i)
		}
		if i > 0 && bytes.Compare(prev, k) >= 0 {
			return fmt.Errorf("%w: page %d: keys out of order", errStructure, id)
		}
		prev = k
		switch flags {
		case 0:
			if w.visit != nil {
				w.visit(w.path, k, v)
			}
		case bucketLeafFlag:
			w.path = append(w.path, k)
			if len(v) < bucketHeaderSize {
				return fmt.Errorf("%w: page %d: bucket %q has a short header", errStructure, id, k)
			}
			root := binary.LittleEndian.Uint64(v)
			if root != 0 {
				if err := w.walk(root, depth+1); err != nil {
					return err
				}
				w.path = w.path[:len(w.path)-1]
				continue
			}
			// An inline bucket: its page follows the header.
			in := v[bucketHeaderSize:]
			if len(in) < pageHeaderSize {
				return fmt.Errorf("%w: page %d: inline bucket %q is cut short", errStructure, id, k)
			}
			if f := binary.LittleEndian.Uint16(in[8:]); f != leafPageFlag {
				return fmt.Errorf("%w: page %d: inline bucket %q is not a leaf", errStructure, id, k)
			}
			if depth+1 > maxTreeDepth {
				return fmt.Errorf("%w: buckets nested deeper than %d", errStructure, maxTreeDepth)
			}
			if err := w.leaf(in, 0, int(binary.LittleEndian.Uint16(in[10:])), depth+1); err != nil {
				return err
			}
			w.path = w.path[:len(w.path)-1]
		default:
			return fmt.Errorf("%w: page %d: element %d has unknown flags %#x", errStructure, id, i, flags)
		}
	}
	return nil
}

// checkFreelist reads the free list page and refuses a free page that a
// reachable page uses (the next write would overwrite live data) or that
// lies outside the file.
func (w *pageWalker) checkFreelist(id uint64) error {
	p, flags, count, err := w.page(id)
	if err != nil {
		return fmt.Errorf("the free list: %w", err)
	}
	if flags != freelistPageFlag {
		return fmt.Errorf("%w: the free list page %d has type %#x", errStructure, id, flags)
	}
	off := pageHeaderSize
	n := count
	if count == 0xFFFF {
		if len(p) < off+8 {
			return fmt.Errorf("%w: the free list is cut short", errStructure)
		}
		n = int(binary.LittleEndian.Uint64(p[off:]))
		off += 8
	}
	if n < 0 || off+n*8 > len(p) || n > len(p) {
		return fmt.Errorf("%w: the free list counts %d pages, more than its page holds", errStructure, n)
	}
	for i := range n {
		free := binary.LittleEndian.Uint64(p[off+i*8:])
		if free < 2 || free >= w.hwm {
			return fmt.Errorf("%w: the free list holds page %d, outside the file", errStructure, free)
		}
		if w.used[free] {
			return fmt.Errorf("%w: page %d is in use and on the free list", errStructure, free)
		}
	}
	return nil
}

// slice returns p[off:off+n] when it lies inside p.
func slice(p []byte, off, n int) ([]byte, bool) {
	if off < 0 || n < 0 || off > len(p) || n > len(p)-off {
		return nil, false
	}
	return p[off : off+n], true
}
