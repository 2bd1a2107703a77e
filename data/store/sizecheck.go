package store

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt's meta page, as laid out on disk by go.etcd.io/bbolt v1.4 (native,
// little-endian on every platform CSAT Desk ships for): a 16-byte page
// header, then magic, version, page size, flags, root bucket (pgid,
// sequence), freelist pgid, high-water pgid, txid and an FNV-64a checksum of
// the meta fields before it.
const (
	boltMagic     = 0xED0CDAED
	metaOff       = 16
	metaSumLen    = 56 // bytes of meta covered by the checksum
	metaLen       = metaSumLen + 8
	metaPgidOff   = 40
	metaTxidOff   = 48
	metaChecksum  = 56
	metaPageSzOff = 8
)

// checkTruncated refuses a database file shorter than the pages its own
// header says it holds (a copy cut off, a disk that filled up). bbolt maps
// the file and would read past its end — a crash, not an error — so the
// size is checked before bbolt sees the file.
func checkTruncated(path string, size int64) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	var best struct {
		ok         bool
		txid, need uint64
	}
	pageSize := int64(0)
	for i := 0; i < 2; i++ {
		off := int64(0)
		if i == 1 {
			if pageSize == 0 {
				break
			}
			off = pageSize
		}
		buf := make([]byte, metaOff+metaLen)
		if _, err := f.ReadAt(buf, off); err != nil && err != io.EOF {
			return fmt.Errorf("open %s: %w", path, err)
		}
		m := buf[metaOff:]
		if binary.LittleEndian.Uint32(m[0:]) != boltMagic {
			continue
		}
		h := fnv.New64a()
		h.Write(m[:metaSumLen])
		if h.Sum64() != binary.LittleEndian.Uint64(m[metaChecksum:]) {
			continue
		}
		ps := int64(binary.LittleEndian.Uint32(m[metaPageSzOff:]))
		if ps < 512 || ps > 1<<20 {
			continue
		}
		if i == 0 {
			pageSize = ps
		}
		txid := binary.LittleEndian.Uint64(m[metaTxidOff:])
		if !best.ok || txid > best.txid {
			best.ok, best.txid = true, txid
			best.need = binary.LittleEndian.Uint64(m[metaPgidOff:]) * uint64(ps)
		}
		if i == 0 && size < 2*ps {
			break
		}
	}
	if !best.ok {
		return fmt.Errorf("open %s: %w: it has no valid database header; restore a backup or choose another file", path, ErrCorrupt)
	}
	if uint64(size) < best.need {
		return fmt.Errorf("open %s: %w: the file is cut short (%d of %d bytes; a copy that did not finish?); restore a backup", path, ErrCorrupt, size, best.need)
	}
	return nil
}
